/**
 * Naive twin of {@link Bm25Index} for tests: the formula evaluated directly from each document's term
 * list, no inverted index.
 * @module
 */
import type { Analyzer } from "./analyzer.ts";

/** BM25 (Lucene form) of every document for `query`, by brute force. */
export function referenceBm25Scores(
  texts: readonly string[],
  query: string,
  analyzer: Analyzer,
  k1: number,
  b: number,
): number[] {
  const docs = texts.map(analyzer);
  const N = docs.length;
  const avg = docs.reduce((s, d) => s + d.length, 0) / N;
  return docs.map((d) => {
    let score = 0;
    for (const t of analyzer(query)) {
      const tf = d.filter((x) => x === t).length;
      if (tf === 0) continue;
      const n = docs.filter((e) => e.includes(t)).length;
      const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
      score += idf * tf / (tf + k1 * (1 - b + b * d.length / avg));
    }
    return score;
  });
}
