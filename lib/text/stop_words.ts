/**
 * The English stop words removed before indexing: Lucene's `EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`
 * (33 words), the default of Lucene's and Elasticsearch's English analysis. Note that it holds "a",
 * "no" and "not": a single letter "a" (as in "warehouse A") and negations are not indexed.
 *
 * @example
 * ```ts
 * import { ENGLISH_STOP_WORDS } from "./stop_words.ts";
 * ENGLISH_STOP_WORDS.has("the"); // true
 * ENGLISH_STOP_WORDS.size; // 33
 * ```
 * @module
 */

/** Lucene's English stop set. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "and",
  "are",
  "as",
  "at",
  "be",
  "but",
  "by",
  "for",
  "if",
  "in",
  "into",
  "is",
  "it",
  "no",
  "not",
  "of",
  "on",
  "or",
  "such",
  "that",
  "the",
  "their",
  "then",
  "there",
  "these",
  "they",
  "this",
  "to",
  "was",
  "will",
  "with",
]);
