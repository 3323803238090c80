import assert from "node:assert/strict";
import fc from "fast-check";
import { kolmogorovSf, ksTwoSample } from "./ks.ts";
import { assertClose, assertInputError } from "./_testing.ts";

const A = [
  0.61,
  0.29,
  0.06,
  0.59,
  -1.73,
  -0.74,
  0.51,
  -0.56,
  0.39,
  1.64,
  0.05,
  -0.06,
  0.64,
  -0.82,
  0.37,
  1.77,
  1.09,
  -1.28,
  2.36,
  1.31,
  1.05,
  -0.52,
  -0.74,
  0.12,
  0.1,
];
const B = [-0.9, 0.4, 0.4, 1.2, 2.1, 2.2, 1.7, 0.9, 1.3, 0.6, 2.9, 1.1, 1.5, 0.05, 1.8, 0.7, 2.4, 1.0];

Deno.test("ksTwoSample statistic matches scipy ks_2samp", () => {
  // scipy 1.10.1: ks_2samp(A, B).statistic
  const r = ksTwoSample(A, B);
  assertClose(r.statistic, 0.4888888888888889);
  // p-value: scipy 1.10.1: kstwobign.sf(sqrt(25*18/43) * D); (ks_2samp's exact p is 0.00841)
  assertClose(r.pValue, 0.013441113436936727);
  // with ties across samples — scipy: ks_2samp([1,2,2,3,3,3],[2,3,3,4]).statistic
  assertClose(ksTwoSample([1, 2, 2, 3, 3, 3], [2, 3, 3, 4]).statistic, 0.25, 1e-15);
});

Deno.test("kolmogorovSf matches scipy kstwobign.sf on both series", () => {
  // scipy 1.10.1: stats.kstwobign.sf(lam)
  const ref: [number, number][] = [
    [0.3, 0.9999906941986655],
    [0.5, 0.9639452436648751],
    [0.8, 0.5441424115741981],
    [1.0, 0.26999967167735456],
    [1.2, 0.11224966667072497],
    [1.5, 0.022217962616525127],
    [2.0, 0.0006709252557796953],
    [3.0, 3.045995948942526e-08],
  ];
  for (const [lam, p] of ref) assertClose(kolmogorovSf(lam), p, 1e-12, `lambda ${lam}`);
  assert.equal(kolmogorovSf(0), 1);
});

Deno.test("ksTwoSample by hand: disjoint samples give D = 1, identical give D = 0, p = 1", () => {
  assert.equal(ksTwoSample([1, 2, 3], [4, 5, 6]).statistic, 1);
  const same = ksTwoSample([1, 2, 2, 5], [5, 2, 1, 2]);
  assert.equal(same.statistic, 0);
  assert.equal(same.pValue, 1);
});

Deno.test("ksTwoSample rejects bad input", () => {
  assertInputError(() => ksTwoSample([], [1]), "a", /empty/);
  assertInputError(() => ksTwoSample([1], []), "b", /empty/);
  assertInputError(() => ksTwoSample([1, NaN], [1]), "a", /NaN/);
  assertInputError(() => ksTwoSample([1], [Infinity]), "b");
});

Deno.test("property: D is symmetric, in [0, 1], equals brute-force max CDF gap", () => {
  const s = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 15 });
  fc.assert(fc.property(s, s, (a, b) => {
    const d = ksTwoSample(a, b).statistic;
    assert.equal(d, ksTwoSample(b, a).statistic);
    let brute = 0;
    for (const v of [...a, ...b]) {
      const fa = a.filter((x) => x <= v).length / a.length, fb = b.filter((x) => x <= v).length / b.length;
      brute = Math.max(brute, Math.abs(fa - fb));
    }
    assertClose(d, brute, 1e-15);
  }));
});
