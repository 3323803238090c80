import assert from "node:assert/strict";
import { ModelFormatError } from "../../errors.ts";
import { KnowledgeBase, loadKnowledgeBase, parsePolicyDocument } from "./knowledge.ts";
import {
  evaluateKnowledgeRetrieval,
  loadKnowledgeQueries,
  parseKnowledgeQueries,
} from "./knowledge_queries.ts";

const KB = KnowledgeBase.from([parsePolicyDocument(
  "---\nprefix: T\npolicy: test\ntitle: t\nversion: 1\n---\n## 1. S\n" +
    "### T-1.1 Air\nUpgrade parcels to air freight.\n" +
    "### T-1.2 Road\nHeavy parcels by road.\n" +
    "### T-1.3 Cash\nCash on delivery needs a call.\n",
  "t.md",
)]);

Deno.test("evaluateKnowledgeRetrieval: Recall@3, nDCG@10 and MRR by hand on a 3-clause base", () => {
  const queries = [
    { id: "a", query: "air freight", relevant: ["T-1.1"] }, // only T-1.1 matches → rank 1
    // "parcels" is in T-1.1 (6 terms with section and title) and T-1.2 (5 terms, so first); "call" only in T-1.3:
    // BM25 ranks T-1.3 (rare term) first
    { id: "b", query: "parcels call", relevant: ["T-1.1"] },
    { id: "c", query: "nothing here", relevant: ["T-1.3"] }, // no match → missed
  ];
  const e = evaluateKnowledgeRetrieval(KB, queries, "bm25");
  const order = KB.search("parcels call", { k: 3 }).map((h) => h.clause.id);
  assert.deepEqual(order, ["T-1.3", "T-1.2", "T-1.1"]);
  assert.equal(e.recallAt3, 2 / 3);
  // nDCG: 1, 1/log2(4) = 0.5, 0 → mean 0.5
  assert.ok(Math.abs(e.ndcgAt10 - 0.5) < 1e-12);
  assert.ok(Math.abs(e.mrr - (1 + 1 / 3 + 0) / 3) < 1e-12);
  assert.deepEqual(e.missedAt3, ["c"]);
});

Deno.test("parseKnowledgeQueries rejects unknown clause ids, duplicates and empty entries", () => {
  const bad = [
    { queries: [{ id: "a", query: "x", relevant: ["T-9.9"] }] },
    { queries: [{ id: "a", query: "x", relevant: ["T-1.1"] }, { id: "a", query: "y", relevant: ["T-1.1"] }] },
    { queries: [{ id: "a", query: " ", relevant: ["T-1.1"] }] },
    { queries: [{ id: "a", query: "x", relevant: [] }] },
    { nope: [] },
  ];
  for (const json of bad) {
    assert.throws(() => parseKnowledgeQueries(json, KB), ModelFormatError, JSON.stringify(json));
  }
});

Deno.test("the shipped query set: ≥ 40 queries, every label a real clause, every policy covered", async () => {
  const kb = await loadKnowledgeBase();
  const queries = await loadKnowledgeQueries(kb);
  assert.ok(queries.length >= 40);
  const policies = new Set(queries.flatMap((q) => q.relevant.map((r) => kb.clause(r).policy)));
  assert.deepEqual([...policies].sort(), ["customer", "escalation", "payment", "shipment"]);
  // BM25 must beat the baseline on nDCG@10 (the bench's headline; figures in bench/results/bm25.json)
  assert.ok(
    evaluateKnowledgeRetrieval(kb, queries, "bm25").ndcgAt10 >
      evaluateKnowledgeRetrieval(kb, queries, "overlap").ndcgAt10,
  );
});
