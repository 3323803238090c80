/**
 * Internal: the two input shapes of the ranking metrics, reduced to one per-query form.
 *
 * - Grouped: `(labels, scores, groups, k)`, rows of consecutive queries (LightGBM/XGBoost layout,
 *   `groups` = query sizes). Each query is ranked by score descending; **ties keep the original row
 *   order** (a stable sort), as LightGBM's `std::stable_sort` does. Labels are relevance grades >= 0;
 *   a row is relevant when its label > 0.
 * - Lists: `(recommended, relevant, k)`, one ranked list of item ids per user and that user's relevant
 *   items: a Set or array of ids (grade 1) or a Map id → grade. Items are ranked in list order.
 *
 * Both become a {@link RankedQuery}: the grades of the ranked items and all the query's positive grades.
 * @module
 */
import { InputError } from "../errors.ts";
import type { NumArray } from "../validate.ts";
import { checkGroups, checkPair } from "./_check.ts";

/** A user's relevant items: ids (grade 1 each) or a map id → relevance grade (>= 0). */
export type RelevantItems = ReadonlySet<number> | readonly number[] | ReadonlyMap<number, number>;

/** Ranked lists of item ids, one per user (best first). */
export type RecommendedLists = readonly (readonly number[])[];

/** One query reduced to what the ranking metrics need. */
export interface RankedQuery {
  /** Relevance grade of each ranked item, best-ranked first (0 = not relevant). */
  readonly ranked: Float64Array;
  /** Every positive grade of the query (ranked or not), descending: the ideal ranking's gains. */
  readonly ideal: Float64Array;
}

/** Validates a cut-off: an integer >= 1, or Infinity for "no cut-off". */
export function checkCutoff(k: number): void {
  if (k !== Infinity && (!Number.isInteger(k) || k < 1)) {
    throw new InputError("k", `must be an integer >= 1 (or Infinity for no cut-off), got ${k}`);
  }
}

/** Validates grouped input and splits it into ranked queries. */
export function groupedQueries(
  labels: NumArray,
  scores: NumArray,
  groups: NumArray | undefined,
): RankedQuery[] {
  checkPair(labels, scores);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! < 0) {
      throw new InputError("labels", `value at index ${i} is ${labels[i]}; relevance must be >= 0`);
    }
  }
  checkGroups(groups, labels.length);
  const out: RankedQuery[] = [];
  let start = 0;
  for (let q = 0; q < groups.length; q++) {
    const size = groups[q]!;
    const order = Array.from({ length: size }, (_, j) => start + j);
    // Stable: equal scores keep row order (explicit tie-break, independent of the engine's sort).
    order.sort((a, b) => (scores[b]! - scores[a]!) || (a - b));
    const ranked = new Float64Array(size);
    for (let r = 0; r < size; r++) ranked[r] = labels[order[r]!]!;
    const ideal = Float64Array.from(ranked.filter((g) => g > 0)).sort().reverse();
    out.push({ ranked, ideal });
    start += size;
  }
  return out;
}

function gradeMap(rel: RelevantItems, u: number): Map<number, number> {
  if (rel instanceof Map) {
    for (const [item, g] of rel) {
      if (!Number.isFinite(g) || g < 0) {
        throw new InputError(
          "relevant",
          `user ${u}, item ${item}: grade ${g}; expected a finite number >= 0`,
        );
      }
    }
    return rel as Map<number, number>;
  }
  if (rel instanceof Set || Array.isArray(rel)) {
    const m = new Map<number, number>();
    for (const item of rel as Iterable<number>) m.set(item, 1);
    return m;
  }
  throw new InputError("relevant", `user ${u}: expected a Set, an array or a Map of item ids`);
}

/** Validates per-user list input and converts it to ranked queries. */
export function listQueries(
  recommended: RecommendedLists,
  relevant: readonly RelevantItems[],
): RankedQuery[] {
  if (!Array.isArray(recommended)) throw new InputError("recommended", "must be an array of item-id arrays");
  if (recommended.length === 0) throw new InputError("recommended", "must not be empty");
  if (!Array.isArray(relevant)) throw new InputError("relevant", "must be an array (one entry per user)");
  if (relevant.length !== recommended.length) {
    throw new InputError(
      "relevant",
      `length ${relevant.length} does not match "recommended" length ${recommended.length}`,
    );
  }
  const out: RankedQuery[] = [];
  for (let u = 0; u < recommended.length; u++) {
    const list = recommended[u]!;
    if (!Array.isArray(list)) throw new InputError("recommended", `user ${u}: expected an array of item ids`);
    const grades = gradeMap(relevant[u]!, u);
    const seen = new Set<number>();
    const ranked = new Float64Array(list.length);
    for (let r = 0; r < list.length; r++) {
      const item = list[r]!;
      if (!Number.isFinite(item)) {
        throw new InputError("recommended", `user ${u}, position ${r}: item id ${item}`);
      }
      if (seen.has(item)) throw new InputError("recommended", `user ${u} lists item ${item} more than once`);
      seen.add(item);
      ranked[r] = grades.get(item) ?? 0;
    }
    const ideal = Float64Array.from([...grades.values()].filter((g) => g > 0)).sort().reverse();
    out.push({ ranked, ideal });
  }
  return out;
}

/** The arguments of an overloaded ranking metric: grouped `(labels, scores, groups, k)` or lists `(recommended, relevant, k)`. */
export type RankingArgs =
  | [labels: NumArray, scores: NumArray, groups: NumArray, k: number]
  | [recommended: RecommendedLists, relevant: readonly RelevantItems[], k: number];

/** Dispatches on the argument shape (3 arguments with a numeric third = lists) and validates. */
export function queriesFromArgs(args: readonly unknown[]): { queries: RankedQuery[]; k: number } {
  if (args.length === 3 && typeof args[2] === "number") {
    const k = args[2];
    checkCutoff(k);
    return { queries: listQueries(args[0] as RecommendedLists, args[1] as RelevantItems[]), k };
  }
  const k = args[3];
  if (typeof k !== "number") throw new InputError("k", `must be a number, got ${String(k)}`);
  checkCutoff(k);
  return { queries: groupedQueries(args[0] as NumArray, args[1] as NumArray, args[2] as NumArray), k };
}

/**
 * Mean of per-query values, leaving out queries whose value is null (no relevant item, for metrics that
 * are undefined then). Throws when every query is left out.
 */
export function meanOverQueries(values: readonly (number | null)[], metric: string): number {
  let sum = 0, n = 0;
  for (const v of values) {
    if (v !== null) {
      sum += v;
      n++;
    }
  }
  if (n === 0) throw new InputError("labels", `no query has a relevant item; ${metric} is undefined`);
  return sum / n;
}

/** Number of relevant (grade > 0) items among the first k ranked. */
export function hitsAtK(ranked: Float64Array, k: number): number {
  const end = Math.min(k, ranked.length);
  let hits = 0;
  for (let r = 0; r < end; r++) if (ranked[r]! > 0) hits++;
  return hits;
}
