import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import { analyze } from "./analyzer.ts";
import { bm25Idf, Bm25Index } from "./bm25.ts";
import { referenceBm25Scores } from "./_reference_bm25.ts";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

// Three documents; after analysis: d1 = [delai, delai, carrier] (3 terms), d2 = [carrier, refund] (2),
// d3 = [refund, credit, credit, custom] (4); N = 3, avgdl = 3.
const CORPUS = [
  { id: "d1", text: "delay delay carrier" },
  { id: "d2", text: "carrier refund" },
  { id: "d3", text: "refund credit credit customer" },
];

Deno.test("BM25 scores equal hand-computed values on a 3-document corpus (k1 = 1.2, b = 0.75)", () => {
  const index = Bm25Index.build(CORPUS);
  assert.equal(index.avgLength, 3);
  // idf(delai) = ln(1 + 2.5/1.5) = 0.980829; d1: tf 2, norm 1.2·(0.25 + 0.75·3/3) = 1.2
  // → 0.980829 · 2 / 3.2 = 0.613018
  assert.deepEqual(index.search("delays").map((h) => h.id), ["d1"]);
  close(index.search("delays")[0]!.score, 0.6130182831323289);
  // idf(carrier) = idf(refund) = ln(1 + 1.5/2.5) = ln 1.6 = 0.470004
  // d1: 0.470004 / (1 + 1.2) = 0.213638; d2: norm 1.2·(0.25 + 0.75·2/3) = 0.9 → 2 · 0.470004 / 1.9
  // = 0.494741; d3: norm 1.2·(0.25 + 0.75·4/3) = 1.5 → 0.470004 / 2.5 = 0.188001
  const hits = index.search("carrier refund");
  assert.deepEqual(hits.map((h) => h.id), ["d2", "d1", "d3"]);
  close(hits[0]!.score, 0.49474066236393227);
  close(hits[1]!.score, 0.21363801329351617);
  close(hits[2]!.score, 0.18800145169829424);
});

Deno.test("BM25 parameters change scores as the formula says (k1 = 2, b = 0; b = 1)", () => {
  // b = 0: no length normalisation; d3 credit tf 2: 0.980829 · 2 / (2 + 2) = 0.490415
  close(Bm25Index.build(CORPUS, { params: { k1: 2, b: 0 } }).search("credit")[0]!.score, 0.49041462650586315);
  // b = 1: d2 norm 1.2 · 2/3 = 0.8 → 2 · 0.470004 / 1.8 = 0.522226
  close(Bm25Index.build(CORPUS, { params: { b: 1 } }).search("carrier refund")[0]!.score, 0.5222262547174841);
});

Deno.test("BM25 rejects bad parameters, documents and k with errors naming the field", () => {
  for (
    const [params, field] of [[{ k1: -0.1 }, "k1"], [{ k1: NaN }, "k1"], [{ b: 1.5 }, "b"], [
      { b: -1 },
      "b",
    ]] as const
  ) {
    assert.throws(
      () => Bm25Index.build(CORPUS, { params }),
      (e) => e instanceof InputError && e.field === field,
    );
  }
  assert.throws(
    () => Bm25Index.build([{ id: "x", text: "a" }, { id: "x", text: "b" }]),
    /duplicate document id "x"/,
  );
  assert.throws(() => Bm25Index.build([{ id: "", text: "a" }]), InputError);
  assert.throws(
    () => Bm25Index.build(CORPUS).search("delay", { k: 0 }),
    (e) => e instanceof InputError && e.field === "k",
  );
});

Deno.test("BM25 idf is positive for every n ≤ N and decreasing in n", () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (N, m) => {
    const n = m % (N + 1);
    assert.ok(bm25Idf(N, n) > 0);
    if (n < N) assert.ok(bm25Idf(N, n) > bm25Idf(N, n + 1));
  }));
  // even for a term in every document (the classic Robertson idf is negative there)
  assert.ok(Bm25Index.build(CORPUS).idf("carrier") > 0);
});

const word = fc.constantFrom("delay", "carrier", "refund", "credit", "customer", "parcel", "cod", "road");
const text = fc.array(word, { maxLength: 12 }).map((ws) => ws.join(" "));

Deno.test("BM25 index equals the brute-force formula on random corpora and parameters", () => {
  fc.assert(fc.property(
    fc.array(text, { minLength: 1, maxLength: 8 }),
    text,
    fc.double({ min: 0, max: 3, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    (texts, query, k1, b) => {
      const index = Bm25Index.build(texts.map((t, i) => ({ id: `d${i}`, text: t })), { params: { k1, b } });
      const got = index.scores(query), want = referenceBm25Scores(texts, query, analyze, k1, b);
      want.forEach((w, i) => close(got[i]!, w, 1e-9));
    },
  ));
});

Deno.test("BM25 score grows with tf (k1 > 0) and is the same whatever the document order", () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.array(text, { maxLength: 5 }), (tf, others) => {
    // two documents of equal length, one with tf occurrences of "delay", one with tf + 1
    const pad = (n: number) => Array(21 - n).fill("parcel").join(" ");
    const docs = [
      { id: "lo", text: `${Array(tf).fill("delay").join(" ")} ${pad(tf)}` },
      { id: "hi", text: `${Array(tf + 1).fill("delay").join(" ")} ${pad(tf + 1)}` },
      ...others.map((t, i) => ({ id: `o${i}`, text: t })),
    ];
    const s = (d: typeof docs) =>
      Object.fromEntries(Bm25Index.build(d).search("delay", { k: Infinity }).map((h) => [h.id, h.score]));
    const fwd = s(docs), rev = s([...docs].reverse());
    assert.ok(fwd.hi! > fwd.lo!);
    for (const id of Object.keys(fwd)) close(fwd[id]!, rev[id]!, 1e-12);
  }));
});

Deno.test("BM25 orders equal scores by id, whatever the insertion order", () => {
  const docs = ["c", "a", "b"].map((id) => ({ id, text: "late parcel" }));
  assert.deepEqual(Bm25Index.build(docs).search("parcel").map((h) => h.id), ["a", "b", "c"]);
  assert.deepEqual(Bm25Index.build([...docs].reverse()).search("parcel").map((h) => h.id), ["a", "b", "c"]);
});

Deno.test("BM25 search: k cuts, filter applies before the cut, unmatched documents are not returned", () => {
  const index = Bm25Index.build(CORPUS);
  assert.deepEqual(index.search("carrier refund", { k: 2 }).map((h) => h.id), ["d2", "d1"]);
  assert.deepEqual(index.search("carrier refund", { k: 1, filter: (id) => id !== "d2" }).map((h) => h.id), [
    "d1",
  ]);
  assert.deepEqual(index.search("nothing matches here"), []);
  assert.deepEqual(index.search(""), []);
  assert.deepEqual(Bm25Index.build([]).search("delay"), []);
  // a document with no terms at all (avgdl still > 0 for the others)
  assert.deepEqual(
    Bm25Index.build([...CORPUS, { id: "e", text: "the of and" }]).search("delay").map((h) => h.id),
    ["d1"],
  );
});

Deno.test("BM25 counts a repeated query term once per occurrence (as repeated Lucene clauses)", () => {
  const index = Bm25Index.build(CORPUS);
  close(index.search("delay delay")[0]!.score, 2 * index.search("delay")[0]!.score);
});
