/**
 * Lexical text retrieval, domain-free: an English analysis chain after Lucene's `EnglishAnalyzer`
 * ({@link analyze}: tokenise, drop Lucene's 33 English stop words, original Porter stemmer implemented
 * here), a BM25 index with Lucene's scoring and non-negative idf ({@link Bm25Index}, k1 = 1.2, b = 0.75
 * by default) and a term-overlap baseline ({@link TermOverlapIndex}). Equal scores are ordered by id.
 *
 * @example
 * ```ts
 * import { Bm25Index } from "./mod.ts";
 * const index = Bm25Index.build([
 *   { id: "SHIP-3.1", text: "Upgrade late road parcels to air freight" },
 *   { id: "PAY-2.1", text: "Cash on delivery orders need a confirmation call" },
 * ]);
 * index.search("parcel running late, fly it?")[0]!.id; // "SHIP-3.1"
 * ```
 * @module
 */
export { analyze, type Analyzer, tokenize } from "./analyzer.ts";
export { porterStem } from "./porter.ts";
export { ENGLISH_STOP_WORDS } from "./stop_words.ts";
export {
  BM25_DEFAULTS,
  bm25Idf,
  Bm25Index,
  type Bm25Options,
  type Bm25Params,
  resolveBm25Params,
} from "./bm25.ts";
export { TermOverlapIndex } from "./term_overlap.ts";
export type { ScoredId, TextDocument, TextRanker, TextSearchOptions } from "./ranking.ts";
