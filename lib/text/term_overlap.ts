/**
 * The baseline ranker: a document's score is the number of distinct query terms it contains (after the
 * same analysis as BM25), with no weighting by term rarity, frequency or document length. Ties (which are
 * frequent) are ordered by document id, as in {@link Bm25Index}.
 *
 * @example
 * ```ts
 * import { TermOverlapIndex } from "./term_overlap.ts";
 * const index = TermOverlapIndex.build([
 *   { id: "a", text: "carrier delay" },
 *   { id: "b", text: "carrier refund delay" },
 * ]);
 * index.search("refund for a delay").map((h) => [h.id, h.score]); // [["b", 2], ["a", 1]]
 * ```
 * @module
 */
import { analyze, type Analyzer } from "./analyzer.ts";
import {
  checkDocuments,
  checkK,
  type ScoredId,
  type TextDocument,
  type TextSearchOptions,
  topHits,
} from "./ranking.ts";

/** Term-overlap ranker. */
export class TermOverlapIndex {
  /** Document ids in build order. */
  readonly ids: readonly string[];
  readonly #terms: readonly ReadonlySet<string>[];
  readonly #analyzer: Analyzer;

  private constructor(ids: string[], terms: Set<string>[], analyzer: Analyzer) {
    this.ids = ids;
    this.#terms = terms;
    this.#analyzer = analyzer;
  }

  /** Indexes `docs` (ids non-empty and unique). */
  static build(docs: readonly TextDocument[], options: { analyzer?: Analyzer } = {}): TermOverlapIndex {
    checkDocuments(docs);
    const analyzer = options.analyzer ?? analyze;
    return new TermOverlapIndex(docs.map((d) => d.id), docs.map((d) => new Set(analyzer(d.text))), analyzer);
  }

  /** Number of distinct query terms in each document, in document order. */
  scores(query: string): Float64Array {
    const q = new Set(this.#analyzer(query));
    return Float64Array.from(this.#terms, (terms) => {
      let n = 0;
      for (const t of q) if (terms.has(t)) n++;
      return n;
    });
  }

  /** The documents sharing a term with `query`, most shared terms first (ties by id), at most `k`. */
  search(query: string, options: TextSearchOptions = {}): ScoredId[] {
    const k = options.k ?? 10;
    checkK(k);
    return topHits(this.ids, this.scores(query), k, options.filter);
  }
}
