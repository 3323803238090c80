/**
 * Policy retrieval benchmark: BM25 (Lucene scoring, k1 = 1.2, b = 0.75, English analysis with the
 * Porter stemmer) against the term-overlap baseline on the labelled query set `knowledge/queries.json`
 * (50 operator-style queries over the 55 clauses of `knowledge/*.md`): Recall@3, nDCG@10 (binary
 * relevance) and MRR, with the queries each ranker misses in its top 3.
 *
 * Agents: over the 14 agent scenarios, the share of the clauses the agents' rules cite that their own
 * BM25 query (built from the deviation's facts) also retrieves in its top 5 — how well retrieval
 * surfaces the clauses the rules apply (the rules do not depend on it).
 *
 * Also reported, not used to choose anything: BM25 without stemming, and the sensitivity of BM25 to k1
 * and b on this same query set (tuning on it would be fitting the test set; the defaults stay Lucene's).
 * Timing: index build and mean query time over the set (the machine is shared; load average recorded).
 *
 * Writes `bench/results/bm25.json` (`{ name, machine, results }`, as `publish` does) and prints the
 * markdown table; it leaves the README alone.
 *
 * Usage: `deno task bench bm25`
 * @module
 */
import {
  evaluateKnowledgeRetrieval,
  indexText,
  type KnowledgeQuery,
  loadKnowledgeBase,
  loadKnowledgeQueries,
  type RetrievalEvaluation,
} from "../lib/domains/fulfillment/mod.ts";
import { evaluateScenarios, SCENARIOS } from "../lib/domains/fulfillment/agents/mod.ts";
import { writeJsonAtomic } from "../lib/io/mod.ts";
import { ndcgAtK, recallAtK } from "../lib/metrics/mod.ts";
import { Bm25Index, ENGLISH_STOP_WORDS, tokenize } from "../lib/text/mod.ts";
import { machineInfo, markdownTable } from "./common.ts";

const noStem = (text: string) => tokenize(text).filter((t) => !ENGLISH_STOP_WORDS.has(t));

/** Recall@3 and nDCG@10 of a BM25 index built with other settings, on the same clauses and queries. */
function variant(
  docs: { id: string; text: string }[],
  queries: readonly KnowledgeQuery[],
  options: Parameters<typeof Bm25Index.build>[1],
): { recallAt3: number; ndcgAt10: number } {
  const index = Bm25Index.build(docs, options);
  const pos = new Map(docs.map((d, i) => [d.id, i]));
  const rec = queries.map((q) => index.search(q.query, { k: Infinity }).map((h) => pos.get(h.id)!));
  const rel = queries.map((q) => new Set(q.relevant.map((r) => pos.get(r)!)));
  return { recallAt3: recallAtK(rec, rel, 3), ndcgAt10: ndcgAtK(rec, rel, 10) };
}

/** The flags this bench reads (`bench/run.ts` refuses any other): none. */
export const flags: Readonly<Record<string, string>> = {};

/** Runs the benchmark. */
export async function main(_args: string[] = []): Promise<void> {
  const load = Deno.loadavg()[0]!;
  const t0 = performance.now();
  const kb = await loadKnowledgeBase();
  const buildMs = performance.now() - t0;
  const queries = await loadKnowledgeQueries(kb);
  const t1 = performance.now();
  const bm25 = evaluateKnowledgeRetrieval(kb, queries, "bm25");
  const queryMs = (performance.now() - t1) / queries.length;
  const overlap = evaluateKnowledgeRetrieval(kb, queries, "overlap");

  const docs = kb.clauses.map((c) => ({ id: c.id, text: indexText(c) }));
  const unstemmed = variant(docs, queries, { analyzer: noStem });
  const grid = [];
  for (const k1 of [0.6, 1.2, 2.0]) {
    for (const b of [0.3, 0.75, 1.0]) grid.push({ k1, b, ...variant(docs, queries, { params: { k1, b } }) });
  }

  const scenarioRuns = await evaluateScenarios(SCENARIOS, kb, 1);
  let cited = 0, found = 0;
  const byAgent: Record<string, { cited: number; found: number }> = {};
  for (const [run] of scenarioRuns.runs) {
    for (const r of run!.state.responses) {
      const top = new Set(r.retrieved.map((h) => h.id));
      const a = byAgent[r.agent] ??= { cited: 0, found: 0 };
      for (const c of r.citations) {
        cited++, a.cited++;
        if (top.has(c)) found++, a.found++;
      }
    }
  }
  const support = { cited, found, share: found / cited, byAgent };

  const row = (name: string, e: Pick<RetrievalEvaluation, "recallAt3" | "ndcgAt10"> & { mrr?: number }) => [
    name,
    e.recallAt3,
    e.ndcgAt10,
    e.mrr ?? "–",
  ];
  const markdown = [
    `${queries.length} labelled queries over ${kb.clauses.length} policy clauses (${kb.documents.length} documents).`,
    "",
    markdownTable(["ranker", "Recall@3", "nDCG@10", "MRR"], [
      row("BM25 (k1 = 1.2, b = 0.75, Porter)", bm25),
      row("term overlap (same analysis)", overlap),
      row("BM25 without stemming", unstemmed),
    ]),
    "",
    `Missed in the top 3 — BM25: ${bm25.missedAt3.length} (${bm25.missedAt3.join(", ")}); ` +
    `overlap: ${overlap.missedAt3.length} (${overlap.missedAt3.join(", ")}).`,
    "",
    `Agents (${SCENARIOS.length} scenarios): ${found} of ${cited} cited clauses (${
      (100 * found / cited).toFixed(0)
    } %) ` +
    `are in the top 5 of the agent's own BM25 query; ` +
    Object.entries(byAgent).map(([a, x]) => `${a} ${x.found}/${x.cited}`).join(", ") + ".",
    "",
    "Sensitivity (same queries, not used to pick the defaults):",
    "",
    markdownTable(
      ["k1", "b", "Recall@3", "nDCG@10"],
      grid.map((g) => [g.k1.toFixed(1), g.b.toFixed(2), g.recallAt3, g.ndcgAt10]),
    ),
    "",
    `Index build (load + parse + index) ${buildMs.toFixed(1)} ms; BM25 ranking of all clauses ${
      (queryMs * 1000).toFixed(0)
    } µs per query (load average ${load.toFixed(1)}).`,
  ].join("\n");
  const machine = machineInfo();
  await writeJsonAtomic("bench/results/bm25.json", {
    name: "bm25",
    machine,
    results: {
      queries: queries.length,
      clauses: kb.clauses.length,
      bm25,
      overlap,
      bm25NoStemming: unstemmed,
      sensitivity: grid,
      agentRetrievalSupport: support,
      timing: { buildMs, queryMsMean: queryMs, loadAverage: load },
      markdown,
    },
  });
  console.log(
    `_Measured ${machine.date} on ${machine.cpu}, ${machine.cores} cores, Deno ${machine.deno}._\n\n${markdown}`,
  );
  console.log("\n[bench] wrote bench/results/bm25.json (README untouched: the lead integrates the table)");
}

if (import.meta.main) await main(Deno.args);
