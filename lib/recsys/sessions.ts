/**
 * Baskets / sessions from an interaction log, for item2vec: each user's rows ordered by (timestamp, log
 * position), cut into a new session wherever the gap to the previous row exceeds `gap` (same unit as the
 * timestamps). `gap: 0` (the default) groups exactly the rows that share a user and a timestamp — one
 * order's items in a purchase log; `gap: Infinity` makes each user's whole history one session.
 *
 * @example
 * ```ts
 * import { makeInteractions } from "./interactions.ts";
 * import { sessionsOf } from "./sessions.ts";
 * const x = makeInteractions({ user: [0, 0, 0, 1], item: [5, 6, 7, 5], timestamp: [1, 1, 9, 1] });
 * sessionsOf(x).map((s) => Array.from(s)); // [[5, 6], [7], [5]]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import type { Interactions } from "./interactions.ts";

/** Item sessions (users in index order, each user's sessions in time order). */
export function sessionsOf(x: Interactions, options: { gap?: number } = {}): Int32Array[] {
  const gap = options.gap ?? 0;
  if (!(gap >= 0)) {
    throw new InputError("gap", `must be a number >= 0 (Infinity: one session per user), got ${gap}`);
  }
  const n = x.user.length;
  const order = Int32Array.from({ length: n }, (_, r) => r).sort((a, b) =>
    x.user[a]! - x.user[b]! || x.timestamp[a]! - x.timestamp[b]! || a - b
  );
  const out: Int32Array[] = [];
  let start = 0;
  for (let j = 1; j <= n; j++) {
    const a = order[j - 1]!, b = order[j];
    if (b === undefined || x.user[b] !== x.user[a] || x.timestamp[b]! - x.timestamp[a]! > gap) {
      out.push(Int32Array.from(order.subarray(start, j), (r) => x.item[r]!));
      start = j;
    }
  }
  return out;
}
