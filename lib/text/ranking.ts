/**
 * What the lexical rankers share: the document and hit types, input checks and the deterministic
 * top-k (score descending, then id ascending in code-unit order; only documents with a score > 0).
 * @module
 */
import { InputError } from "../errors.ts";

/** A document to index: a unique non-empty id and its text. */
export interface TextDocument {
  readonly id: string;
  readonly text: string;
}

/** One search hit. */
export interface ScoredId {
  readonly id: string;
  readonly score: number;
}

/** Options of a search. */
export interface TextSearchOptions {
  /** Maximum number of hits (integer ≥ 1, or Infinity for all matches; default 10). */
  readonly k?: number;
  /** Keeps only the documents whose id passes (applied before the cut-off). */
  readonly filter?: (id: string) => boolean;
}

/** A ranker over a fixed document set. */
export interface TextRanker {
  readonly ids: readonly string[];
  search(query: string, options?: TextSearchOptions): ScoredId[];
}

/** Throws {@link InputError} unless every document has a non-empty unique string id and string text. */
export function checkDocuments(docs: readonly TextDocument[]): void {
  if (!Array.isArray(docs)) throw new InputError("docs", "must be an array of { id, text }");
  const seen = new Set<string>();
  docs.forEach((doc, i) => {
    if (typeof doc?.id !== "string" || doc.id.length === 0) {
      throw new InputError("docs", `document ${i} has no id (a non-empty string is required)`);
    }
    if (typeof doc.text !== "string") throw new InputError("docs", `document "${doc.id}" has no text`);
    if (seen.has(doc.id)) throw new InputError("docs", `duplicate document id "${doc.id}"`);
    seen.add(doc.id);
  });
}

/** Throws {@link InputError} unless `k` is an integer ≥ 1 or Infinity. */
export function checkK(k: number): void {
  if (k !== Infinity && (!Number.isInteger(k) || k < 1)) {
    throw new InputError("k", `must be an integer >= 1 (or Infinity), got ${k}`);
  }
}

/** Ids with score > 0 passing `filter`, by score descending then id, at most `k`. */
export function topHits(
  ids: readonly string[],
  scores: ArrayLike<number>,
  k: number,
  filter?: (id: string) => boolean,
): ScoredId[] {
  const hits: ScoredId[] = [];
  for (let d = 0; d < ids.length; d++) {
    const s = scores[d]!;
    if (s > 0 && (!filter || filter(ids[d]!))) hits.push({ id: ids[d]!, score: s });
  }
  hits.sort((x, y) => (y.score - x.score) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return hits.length > k ? hits.slice(0, k) : hits;
}
