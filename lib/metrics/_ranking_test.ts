// Tests of the grouped/list dispatch shared by the ranking metrics (_ranking.ts): the list form and the
// grouped form must give the same numbers for every metric.
import fc from "fast-check";
import { precisionAtK } from "./precision_at_k.ts";
import { recallAtK } from "./recall_at_k.ts";
import { hitRateAtK } from "./hit_rate_at_k.ts";
import { meanReciprocalRank } from "./mrr.ts";
import { ndcgAtK } from "./ndcg.ts";
import { meanAveragePrecisionAtK } from "./map_at_k.ts";
import { assertClose } from "./_testing.ts";

const groupedData = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }).chain(
  (groups) => {
    const n = groups.reduce((a, b) => a + b, 0);
    return fc.tuple(
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }),
      fc.constant(groups),
      fc.integer({ min: 1, max: 7 }),
    );
  },
).filter(([labels]) => labels.some((l) => l > 0));

/** Converts grouped rows to per-user lists: items = row indices in (stable) score order. */
function toLists(labels: number[], scores: number[], groups: number[]) {
  const recommended: number[][] = [], relevant: Map<number, number>[] = [];
  let start = 0;
  for (const g of groups) {
    const rows = Array.from({ length: g }, (_, j) => start + j);
    rows.sort((a, b) => (scores[b]! - scores[a]!) || (a - b));
    recommended.push(rows);
    relevant.push(new Map(rows.filter((r) => labels[r]! > 0).map((r) => [r, labels[r]!])));
    start += g;
  }
  return { recommended, relevant };
}

Deno.test("property: list form equals grouped form for every ranking metric", () => {
  fc.assert(fc.property(groupedData, ([labels, scores, groups, k]) => {
    const { recommended, relevant } = toLists(labels, scores, groups);
    assertClose(precisionAtK(recommended, relevant, k), precisionAtK(labels, scores, groups, k), 1e-12);
    assertClose(recallAtK(recommended, relevant, k), recallAtK(labels, scores, groups, k), 1e-12);
    assertClose(hitRateAtK(recommended, relevant, k), hitRateAtK(labels, scores, groups, k), 1e-12);
    assertClose(
      meanReciprocalRank(recommended, relevant, k),
      meanReciprocalRank(labels, scores, groups, k),
      1e-12,
    );
    assertClose(ndcgAtK(recommended, relevant, k), ndcgAtK(labels, scores, groups, k), 1e-12);
    assertClose(
      meanAveragePrecisionAtK(recommended, relevant, k),
      meanAveragePrecisionAtK(labels, scores, groups, k),
      1e-12,
    );
  }));
});
