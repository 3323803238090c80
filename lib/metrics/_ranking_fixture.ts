/**
 * Internal test fixture shared by the ranking metric tests: three queries in grouped layout.
 *
 * - Q1 (4 rows): labels [0, 2, 1, 3], scores [0.95, 0.1, 0.9, 0.5] → ranked grades [0, 1, 3, 2]
 * - Q2 (5 rows): labels [1, 0, 0, 2, 1], scores [2, −1, 0.5, 1.5, 3] → ranked grades [1, 1, 2, 0, 0]
 * - Q3 (3 rows): labels [0, 0, 0] → no relevant item
 * @module
 */
export const LABELS = [0, 2, 1, 3, 1, 0, 0, 2, 1, 0, 0, 0];
export const SCORES = [0.95, 0.1, 0.9, 0.5, 2, -1, 0.5, 1.5, 3, 1, 2, 3];
export const GROUPS = [4, 5, 3];

/** The same data as per-user lists: items are row indices, ranked by score; grades as a Map. */
export const RECOMMENDED = [[0, 2, 3, 1], [8, 4, 7, 6, 5], [11, 10, 9]];
export const RELEVANT = [
  new Map([[1, 2], [2, 1], [3, 3]]),
  new Map([[4, 1], [7, 2], [8, 1]]),
  new Map<number, number>(),
];
