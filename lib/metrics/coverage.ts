/**
 * Catalogue coverage: the share of the catalogue that appears in at least one user's top-k list,
 * `|∪_u top_k(u)| / catalogSize`. 1 means every item is recommended to someone.
 *
 * @example
 * ```ts
 * import { catalogCoverage } from "./coverage.ts";
 * catalogCoverage([[1, 2], [2, 3]], 10); // 3 distinct items of 10 → 0.3
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import type { RecommendedLists } from "./_ranking.ts";
import { checkCutoff } from "./_ranking.ts";

/**
 * Distinct recommended items (first k of each list; all when k is omitted) divided by the catalogue size.
 * Item ids are counted as given; ids outside the catalogue are not checked, but more distinct items than
 * `catalogSize` throws.
 * @throws InputError on empty input, non-finite ids, catalogSize < 1, or bad k.
 */
export function catalogCoverage(recommended: RecommendedLists, catalogSize: number, k = Infinity): number {
  if (!Array.isArray(recommended) || recommended.length === 0) {
    throw new InputError("recommended", "must be a non-empty array of item-id arrays");
  }
  if (!Number.isInteger(catalogSize) || catalogSize < 1) {
    throw new InputError("catalogSize", `must be an integer >= 1, got ${catalogSize}`);
  }
  checkCutoff(k);
  const seen = new Set<number>();
  for (let u = 0; u < recommended.length; u++) {
    const list = recommended[u]!;
    if (!Array.isArray(list)) throw new InputError("recommended", `user ${u}: expected an array of item ids`);
    const end = Math.min(k, list.length);
    for (let r = 0; r < end; r++) {
      const item = list[r]!;
      if (!Number.isFinite(item)) {
        throw new InputError("recommended", `user ${u}, position ${r}: item id ${item}`);
      }
      seen.add(item);
    }
  }
  if (seen.size > catalogSize) {
    throw new InputError(
      "catalogSize",
      `${catalogSize} is smaller than the ${seen.size} distinct recommended items`,
    );
  }
  return seen.size / catalogSize;
}
