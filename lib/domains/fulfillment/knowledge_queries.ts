/**
 * The labelled query set of the knowledge base (`knowledge/queries.json`: queries written as an
 * operator would type them, each with the clause ids that answer it) and its evaluation: Recall@3,
 * nDCG@10 (binary relevance, `lib/metrics`) and MRR of a ranker over the whole knowledge base.
 *
 * @example
 * ```ts ignore
 * const kb = await loadKnowledgeBase();
 * const queries = await loadKnowledgeQueries(kb);
 * evaluateKnowledgeRetrieval(kb, queries, "bm25").recallAt3;
 * ```
 * @module
 */
import { fileURLToPath } from "node:url";
import { InputError, ModelFormatError } from "../../errors.ts";
import { meanReciprocalRank, ndcgAtK, recallAtK } from "../../metrics/mod.ts";
import type { KnowledgeBase } from "./knowledge.ts";

/** One labelled query. */
export interface KnowledgeQuery {
  readonly id: string;
  readonly query: string;
  /** Ids of the clauses that answer it (at least one). */
  readonly relevant: readonly string[];
}

/** `knowledge/queries.json` of this repository. */
export const DEFAULT_QUERIES_FILE: string = fileURLToPath(
  new URL("../../../knowledge/queries.json", import.meta.url),
);

/**
 * Checks a parsed query file `{ queries: [{ id, query, relevant }] }` against the knowledge base:
 * unique ids, non-empty text, at least one relevant id, every relevant id a clause of `kb`.
 */
export function parseKnowledgeQueries(
  json: unknown,
  kb: KnowledgeBase,
  file = "queries.json",
): KnowledgeQuery[] {
  const list = (json as { queries?: unknown })?.queries;
  if (!Array.isArray(list)) throw new ModelFormatError(`${file}: expected { "queries": [...] }`, file);
  const seen = new Set<string>();
  return list.map((q, i) => {
    const { id, query, relevant } = q as Record<string, unknown>;
    const where = `${file}: query ${typeof id === "string" ? `"${id}"` : i}`;
    if (typeof id !== "string" || id === "" || seen.has(id)) {
      throw new ModelFormatError(`${where}: id must be a unique non-empty string`, file);
    }
    seen.add(id);
    if (typeof query !== "string" || query.trim() === "") {
      throw new ModelFormatError(`${where}: empty query`, file);
    }
    if (!Array.isArray(relevant) || relevant.length === 0 || !relevant.every((r) => typeof r === "string")) {
      throw new ModelFormatError(`${where}: relevant must be a non-empty list of clause ids`, file);
    }
    for (const r of relevant) {
      if (!kb.has(r)) {
        throw new ModelFormatError(`${where}: relevant clause ${r} is not in the knowledge base`, file);
      }
    }
    return { id, query, relevant: [...new Set(relevant as string[])] };
  });
}

/** Reads and checks `file` (default `knowledge/queries.json`). */
export async function loadKnowledgeQueries(
  kb: KnowledgeBase,
  file: string = DEFAULT_QUERIES_FILE,
): Promise<KnowledgeQuery[]> {
  return parseKnowledgeQueries(JSON.parse(await Deno.readTextFile(file)), kb, file);
}

/** Retrieval quality of one ranker over a query set. */
export interface RetrievalEvaluation {
  readonly ranker: "bm25" | "overlap";
  readonly queries: number;
  readonly recallAt3: number;
  readonly ndcgAt10: number;
  readonly mrr: number;
  /** Queries none of whose relevant clauses is in the top 3. */
  readonly missedAt3: readonly string[];
}

/** Ranks every clause for every query with `ranker` and scores the rankings. */
export function evaluateKnowledgeRetrieval(
  kb: KnowledgeBase,
  queries: readonly KnowledgeQuery[],
  ranker: "bm25" | "overlap",
): RetrievalEvaluation {
  if (queries.length === 0) throw new InputError("queries", "must not be empty");
  const index = new Map(kb.clauses.map((c, i) => [c.id, i]));
  const recommended = queries.map((q) =>
    kb.search(q.query, { k: kb.clauses.length, ranker }).map((h) => index.get(h.clause.id)!)
  );
  const relevant = queries.map((q) => new Set(q.relevant.map((r) => index.get(r)!)));
  const missedAt3 = queries.filter((_, i) => !recommended[i]!.slice(0, 3).some((c) => relevant[i]!.has(c)))
    .map((q) => q.id);
  return {
    ranker,
    queries: queries.length,
    recallAt3: recallAtK(recommended, relevant, 3),
    ndcgAt10: ndcgAtK(recommended, relevant, 10),
    mrr: meanReciprocalRank(recommended, relevant, Infinity),
    missedAt3,
  };
}
