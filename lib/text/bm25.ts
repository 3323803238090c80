/**
 * Okapi BM25 over an in-memory inverted index, with Lucene's scoring (`BM25Similarity`, Lucene ≥ 8):
 *
 * `score(q, d) = Σ_{t ∈ q} idf(t) · tf(t, d) / (tf(t, d) + k1 · (1 − b + b · |d| / avgdl))`
 *
 * `idf(t) = ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5))`, always > 0 (Lucene's non-negative idf).
 *
 * - N is the number of documents, n(t) the number containing t, |d| the number of terms of d after
 *   analysis, avgdl their mean. Lucene stores |d| lossily in one byte per document; this index keeps it
 *   exact, so scores can differ from Lucene's in the third or fourth digit, never in the formula.
 * - The classic Robertson form multiplies by (k1 + 1); Lucene dropped that constant in version 8
 *   (LUCENE-8563) because it does not change any ranking. Scores here follow Lucene.
 * - A query term repeated r times counts r times (as r clauses of a Lucene BooleanQuery would).
 * - Documents that share no term with the query are not returned (their score would be 0); equal
 *   scores are ordered by document id (code-unit order), so results are deterministic.
 * - `k1` ≥ 0 (term-frequency saturation; 0 ignores tf) and `b` ∈ [0, 1] (length normalisation; 0 none,
 *   1 full), validated once at {@link Bm25Index.build}. Defaults k1 = 1.2, b = 0.75.
 *
 * @example
 * ```ts
 * import { Bm25Index } from "./bm25.ts";
 * const index = Bm25Index.build([
 *   { id: "a", text: "carrier delay on road shipments" },
 *   { id: "b", text: "refund to the customer" },
 * ]);
 * index.search("delayed shipment").map((h) => h.id); // ["a"]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { requireInRange } from "../validate.ts";
import { analyze, type Analyzer } from "./analyzer.ts";
import {
  checkDocuments,
  checkK,
  type ScoredId,
  type TextDocument,
  type TextSearchOptions,
  topHits,
} from "./ranking.ts";

/** BM25 parameters. */
export interface Bm25Params {
  /** Term-frequency saturation, ≥ 0 (default 1.2). */
  readonly k1: number;
  /** Length normalisation in [0, 1] (default 0.75). */
  readonly b: number;
}

/** Lucene's defaults. */
export const BM25_DEFAULTS: Bm25Params = Object.freeze({ k1: 1.2, b: 0.75 });

/** Options of {@link Bm25Index.build}. */
export interface Bm25Options {
  readonly params?: Partial<Bm25Params>;
  /** Text → terms, used for documents and queries alike (default {@link analyze}). */
  readonly analyzer?: Analyzer;
}

/** The parameters with defaults filled in; throws {@link InputError} naming a bad one. */
export function resolveBm25Params(params: Partial<Bm25Params> = {}): Bm25Params {
  const k1 = params.k1 ?? BM25_DEFAULTS.k1, b = params.b ?? BM25_DEFAULTS.b;
  if (typeof k1 !== "number" || !Number.isFinite(k1) || k1 < 0) {
    throw new InputError("k1", `must be a finite number >= 0, got ${k1}`);
  }
  requireInRange("b", b, 0, 1);
  return { k1, b };
}

/** BM25's idf of a term found in `n` of `N` documents: `ln(1 + (N − n + 0.5) / (n + 0.5))`. */
export function bm25Idf(N: number, n: number): number {
  return Math.log(1 + (N - n + 0.5) / (n + 0.5));
}

interface Postings {
  readonly docs: number[];
  readonly tfs: number[];
}

/** A BM25 index over a fixed set of documents. */
export class Bm25Index {
  /** The parameters in use. */
  readonly params: Bm25Params;
  /** Document ids, in the order given to {@link Bm25Index.build}. */
  readonly ids: readonly string[];
  /** Mean document length in terms. */
  readonly avgLength: number;
  readonly #analyzer: Analyzer;
  readonly #postings: Map<string, Postings>;
  readonly #lengths: Int32Array;

  private constructor(
    params: Bm25Params,
    ids: string[],
    analyzer: Analyzer,
    postings: Map<string, Postings>,
    lengths: Int32Array,
  ) {
    this.params = params;
    this.ids = ids;
    this.#analyzer = analyzer;
    this.#postings = postings;
    this.#lengths = lengths;
    let total = 0;
    for (const l of lengths) total += l;
    this.avgLength = lengths.length === 0 ? 0 : total / lengths.length;
  }

  /** Indexes `docs` (ids non-empty and unique); throws {@link InputError} on bad documents or params. */
  static build(docs: readonly TextDocument[], options: Bm25Options = {}): Bm25Index {
    const params = resolveBm25Params(options.params);
    checkDocuments(docs);
    const analyzer = options.analyzer ?? analyze;
    const postings = new Map<string, Postings>();
    const lengths = new Int32Array(docs.length);
    docs.forEach((doc, d) => {
      const terms = analyzer(doc.text);
      lengths[d] = terms.length;
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, f] of tf) {
        let p = postings.get(t);
        if (!p) postings.set(t, p = { docs: [], tfs: [] });
        p.docs.push(d);
        p.tfs.push(f);
      }
    });
    return new Bm25Index(params, docs.map((d) => d.id), analyzer, postings, lengths);
  }

  /** Number of documents. */
  get size(): number {
    return this.ids.length;
  }

  /** Number of documents containing the (already analysed) term. */
  docFrequency(term: string): number {
    return this.#postings.get(term)?.docs.length ?? 0;
  }

  /** idf of an analysed term (its value for n = 0 when the term is absent). */
  idf(term: string): number {
    return bm25Idf(this.size, this.docFrequency(term));
  }

  /** BM25 score of every document for `query`, in document order (0 where no term matches). */
  scores(query: string): Float64Array {
    const out = new Float64Array(this.size);
    const { k1, b } = this.params, N = this.size, avg = this.avgLength;
    for (const term of this.#analyzer(query)) {
      const p = this.#postings.get(term);
      if (!p) continue;
      const idf = bm25Idf(N, p.docs.length);
      for (let j = 0; j < p.docs.length; j++) {
        const d = p.docs[j]!, tf = p.tfs[j]!;
        // avg > 0 whenever a posting exists (its document has at least one term)
        const norm = k1 * (1 - b + b * this.#lengths[d]! / avg);
        out[d]! += idf * tf / (tf + norm);
      }
    }
    return out;
  }

  /** The documents matching `query`, best first (ties by id), at most `k` (default 10). */
  search(query: string, options: TextSearchOptions = {}): ScoredId[] {
    const k = options.k ?? 10;
    checkK(k);
    return topHits(this.ids, this.scores(query), k, options.filter);
  }
}
