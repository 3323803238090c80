import assert from "node:assert/strict";
import fc from "fast-check";
import { crossHash, WideDeepEncoder } from "./encoder.ts";
import { resolveWideDeepParams } from "./params.ts";
import type { Matrix } from "../../data/types.ts";
import { InputError, ModelFormatError } from "../../errors.ts";

function mat(rows: number[][], names = ["a", "b", "x"]): Matrix {
  return {
    nRows: rows.length,
    nCols: names.length,
    values: Float32Array.from(rows.flat()),
    featureNames: names,
  };
}
const train = mat([[0, 5, 1], [2, 5, 3], [2, 7, 2], [2, 7, 2]]);
const params = resolveWideDeepParams({
  categoricalFeatures: ["a", "b"],
  crosses: [["a", "b"]],
  crossBuckets: 16,
});

Deno.test("WideDeepEncoder.fit: vocabularies, offsets, numeric stats (hand-computed)", () => {
  const e = WideDeepEncoder.fit(train, params);
  assert.deepEqual(e.json.categorical.map((c) => [c.name, c.vocab, c.embeddingOffset]), [["a", [0, 2], 0], [
    "b",
    [5, 7],
    3,
  ]]);
  assert.equal(e.embeddingRows, 6);
  const x = e.json.numeric[0]!;
  assert.equal(x.mean, 2); // (1 + 3 + 2 + 2) / 4
  assert.ok(Math.abs(x.std - Math.sqrt(0.5)) < 1e-12); // population variance (1 + 1 + 0 + 0) / 4
  // wide: singles a (3), b (3), then the cross (16 buckets)
  assert.deepEqual(e.json.wideSlots.map((s) => [s.offset, s.size, s.hashed]), [[0, 3, false], [3, 3, false], [
    6,
    16,
    true,
  ]]);
  assert.equal(e.wideSize, 22);
});

Deno.test("WideDeepEncoder.encode: ids, unknown → row 0 of the feature, cross = offset + hash mod buckets", () => {
  const e = WideDeepEncoder.fit(train, params);
  const b = e.encode(mat([[2, 7, 9], [1, NaN, 0]]));
  assert.deepEqual(Array.from(b.deepIds), [2, 5, 0, 3]); // a=2 → 0+2, b=7 → 3+2; a=1 unknown → 0, b=NaN → 3
  assert.deepEqual(Array.from(b.numeric), [9, 0]);
  assert.deepEqual(Array.from(b.wideIds), [
    2,
    3 + 2,
    6 + (crossHash([2, 2], 0) % 16),
    0,
    3,
    6 + (crossHash([0, 0], 0) % 16),
  ]);
});

Deno.test("WideDeepEncoder: minCategoryCount sends rare categories to the unknown row", () => {
  const e = WideDeepEncoder.fit(
    train,
    resolveWideDeepParams({ categoricalFeatures: ["a", "b"], minCategoryCount: 2 }),
  );
  assert.deepEqual(e.json.categorical[0]!.vocab, [2]); // code 0 seen once
  assert.deepEqual(e.json.categorical[1]!.vocab, [5, 7]); // both seen twice; b starts at row 2
  assert.deepEqual(Array.from(e.encode(mat([[0, 5, 1]])).deepIds), [0, 2 + 1]);
});

Deno.test("WideDeepEncoder: unknownCategory 'error' and numeric NaN throw InputError naming feature and row", () => {
  const strict = WideDeepEncoder.fit(
    train,
    resolveWideDeepParams({ categoricalFeatures: ["a", "b"], unknownCategory: "error" }),
  );
  assert.throws(
    () => strict.encode(mat([[0, 5, 1], [9, 5, 1]])),
    /matrix\.a.*category 9 at row 1 was not in the training vocabulary/,
  );
  assert.throws(() => strict.encode(mat([[0, NaN, 1]])), /matrix\.b.*row 0 is missing/);
  const e = WideDeepEncoder.fit(train, params);
  assert.throws(
    () => e.encode(mat([[0, 5, NaN]])),
    (err: unknown) => err instanceof InputError && /matrix\.x.*row 0 is NaN/.test(err.message),
  );
  assert.throws(() => e.encode(mat([[0, 5, Infinity]])), /Infinity/);
  assert.throws(() => WideDeepEncoder.fit(mat([[0, 5, NaN]]), params), /matrix\.x/);
  assert.throws(() => WideDeepEncoder.fit(mat([[0.5, 5, 1]]), params), /matrix\.a.*integer code/);
  const imp = WideDeepEncoder.fit(
    mat([[0, 5, 1], [0, 5, NaN], [0, 5, 3]]),
    resolveWideDeepParams({ ...params, numericMissing: "mean" }),
  );
  assert.deepEqual(Array.from(imp.encode(mat([[0, 5, NaN]])).numeric), [2]);
});

Deno.test("WideDeepEncoder: column mismatch is an InputError; JSON round trip encodes identically", () => {
  const e = WideDeepEncoder.fit(train, params);
  assert.throws(() => e.encode(mat([[0, 5]], ["a", "b"])), /has 2 columns; the model was trained on 3/);
  assert.throws(() => e.encode(mat([[0, 5, 1]], ["a", "c", "x"])), /column 1 is "c"; the model expects "b"/);
  const back = WideDeepEncoder.fromJSON(JSON.parse(JSON.stringify(e.toJSON())));
  const m = mat([[2, 7, 9], [1, NaN, 0], [0, 5, 2]]);
  assert.deepEqual(back.encode(m), e.encode(m));
  const broken = e.toJSON();
  broken.categorical[1]!.embeddingOffset = 4;
  assert.throws(() => WideDeepEncoder.fromJSON(broken), ModelFormatError);
});

Deno.test("crossHash: deterministic, order-sensitive, salted, and spreads over buckets", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 1 << 20 }), { minLength: 1, maxLength: 4 }),
      fc.nat(50),
      (ids, salt) => {
        const h = crossHash(ids, salt);
        return h === crossHash([...ids], salt) && Number.isInteger(h) && h >= 0 && h < 2 ** 32;
      },
    ),
  );
  assert.notEqual(crossHash([1, 2], 0), crossHash([2, 1], 0));
  assert.notEqual(crossHash([1, 2], 0), crossHash([1, 2], 1));
  const counts = new Array(8).fill(0);
  for (let a = 0; a < 40; a++) for (let b = 0; b < 40; b++) counts[crossHash([a, b], 0) % 8]++;
  for (const c of counts) assert.ok(c > 150 && c < 250, `bucket count ${c} of 1600/8`);
});
