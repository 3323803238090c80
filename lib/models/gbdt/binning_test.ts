import assert from "node:assert/strict";
import fc from "fast-check";
import { ModelFormatError } from "../../errors.ts";
import { BinMapper, MAX_CATEGORY_CODE } from "./binning.ts";
import { matrixOf } from "./_test_data.ts";

const col = (xs: number[]) => matrixOf(xs.map((x) => [x]));

Deno.test("few distinct values: one bin each, edges at midpoints, NaN in the missing bin", () => {
  const m = col([3, 1, 2, 2, NaN, 1]);
  const mapper = BinMapper.fit(m, { maxBins: 255 });
  const fb = mapper.features[0]!;
  assert.deepEqual(Array.from(fb.thresholds), [1.5, 2.5]);
  assert.equal(fb.nValueBins, 3);
  assert.equal(fb.trivial, false);
  assert.deepEqual(Array.from(mapper.transform(m).bins), [2, 0, 1, 1, 3, 0]);
  assert.equal(mapper.totalBins, 4); // 3 value bins + missing
});

Deno.test("many distinct values: ≤ maxBins−1 value bins with near-equal counts (quantiles)", () => {
  const xs = Array.from({ length: 1000 }, (_, i) => i);
  const m = col(xs);
  const mapper = BinMapper.fit(m, { maxBins: 11 });
  const fb = mapper.features[0]!;
  assert.equal(fb.nValueBins, 10);
  // Deciles of 0..999: cuts after 99, 199, …, 899 → midpoints 99.5, 199.5, …
  assert.deepEqual(Array.from(fb.thresholds), [99.5, 199.5, 299.5, 399.5, 499.5, 599.5, 699.5, 799.5, 899.5]);
  const counts = new Array(11).fill(0);
  for (const b of mapper.transform(m).bins) counts[b]++;
  assert.deepEqual(counts, [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 0]);
});

Deno.test("a heavy repeated value does not create empty or duplicate edges", () => {
  const xs = [...new Array(900).fill(0), ...Array.from({ length: 100 }, (_, i) => i + 1)];
  const fb = BinMapper.fit(col(xs), { maxBins: 11 }).features[0]!;
  const t = Array.from(fb.thresholds);
  for (let i = 1; i < t.length; i++) assert.ok(t[i]! > t[i - 1]!);
  assert.equal(t[0], 0.5); // 0 alone in bin 0
});

Deno.test("property: bin(x) <= b exactly when x <= thresholds[b]; reused on new data", () => {
  fc.assert(
    fc.property(
      fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), {
        minLength: 2,
        maxLength: 300,
      }),
      fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -2e6, max: 2e6 }), {
        minLength: 1,
        maxLength: 50,
      }),
      fc.integer({ min: 2, max: 40 }),
      (train, test, maxBins) => {
        const mapper = BinMapper.fit(col(train), { maxBins });
        const fb = mapper.features[0]!;
        assert.ok(fb.nValueBins <= maxBins - 1);
        const m = col(test);
        const bins = mapper.transform(m).bins;
        for (let i = 0; i < test.length; i++) {
          const x = m.values[i]!;
          for (let b = 0; b < fb.thresholds.length; b++) assert.equal(bins[i]! <= b, x <= fb.thresholds[b]!);
        }
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("constant and all-missing features are trivial", () => {
  const m = matrixOf([[5, NaN, 1], [5, NaN, 2], [5, NaN, 1]]);
  const mapper = BinMapper.fit(m, { maxBins: 255 });
  assert.deepEqual(mapper.features.map((f) => f.trivial), [true, true, false]);
  assert.deepEqual(Array.from(mapper.transform(m).bins.subarray(3, 6)), [1, 1, 1]); // missing bin of a 1-bin feature
});

Deno.test("categorical: bin = code when every code is below maxBins − 1; negative, NaN and unseen codes go to the missing bin", () => {
  const m = col([0, 3, 1, NaN, 3, -1]);
  const mapper = BinMapper.fit(m, { maxBins: 6, categorical: new Set([0]) }); // cap: codes 0..4
  const fb = mapper.features[0]!;
  assert.equal(fb.kind, "categorical");
  assert.equal(fb.nValueBins, 4); // max seen code 3 → bins 0..3, missing = 4
  assert.equal(fb.categories, undefined);
  assert.deepEqual(Array.from(mapper.transform(m).bins), [0, 3, 1, 4, 3, 4]);
  assert.deepEqual(Array.from(mapper.transform(col([2, 4, 7, 0.5])).bins), [2, 4, 4, 4]);
});

Deno.test("categorical with codes past the cap: the most frequent categories get bins in code order, the rest the missing bin", () => {
  // counts: 7 ×5, 2 ×4, 300 ×4, 50 ×1, 9 ×1, 70000 ×6 (≥ MAX_CATEGORY_CODE: never kept)
  const codes = [
    ...new Array(5).fill(7),
    ...new Array(4).fill(300),
    ...new Array(4).fill(2),
    50,
    9,
    ...new Array(6).fill(70_000),
  ];
  assert.ok(70_000 >= MAX_CATEGORY_CODE);
  const m = col(codes);
  const mapper = BinMapper.fit(m, { maxBins: 4, categorical: new Set([0]) }); // 3 value bins
  const fb = mapper.features[0]!;
  assert.deepEqual(Array.from(fb.categories!), [2, 7, 300]); // 7, then the tie 2 / 300 (both kept)
  assert.equal(fb.nValueBins, 3);
  assert.deepEqual(Array.from(mapper.transform(col([2, 7, 300, 50, 9, 70_000, NaN, 1, -2])).bins), [
    0,
    1,
    2,
    3,
    3,
    3,
    3,
    3,
    3,
  ]);
  // The tie at the cut goes to the lower code: with 2 value bins 7 and 2 stay, 300 goes.
  assert.deepEqual(
    Array.from(BinMapper.fit(m, { maxBins: 3, categorical: new Set([0]) }).features[0]!.categories!),
    [2, 7],
  );
  const back = BinMapper.fromJSON(JSON.parse(JSON.stringify(mapper.toJSON())));
  assert.deepEqual(back.toJSON(), mapper.toJSON());
  assert.deepEqual(back.transform(m).bins, mapper.transform(m).bins);
  const bad = mapper.toJSON();
  bad.features[0]!.categories = [7, 2, 300];
  assert.throws(() => BinMapper.fromJSON(bad), ModelFormatError);
});

Deno.test("sampling for edges is seeded and the JSON round trip is exact", () => {
  const xs = Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 1000);
  const a = BinMapper.fit(col(xs), { maxBins: 64, sampleSize: 500, seed: 3 });
  const b = BinMapper.fit(col(xs), { maxBins: 64, sampleSize: 500, seed: 3 });
  assert.deepEqual(a.toJSON(), b.toJSON());
  const back = BinMapper.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
  assert.deepEqual(back.toJSON(), a.toJSON());
  assert.deepEqual(back.transform(col(xs)).bins, a.transform(col(xs)).bins);
});
