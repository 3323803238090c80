import assert from "node:assert/strict";
import fc from "fast-check";
import { auc, rocCurve } from "./auc.ts";
import { assertAllClose, assertClose, assertInputError } from "./_testing.ts";

// Fixed dataset with ties: 0.4 is shared by (1, 0, 1), 0.65 by (1, 0).
const Y = [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0];
const S = [0.1, 0.9, 0.4, 0.4, 0.65, 0.2, 0.65, 0.8, 0.4, 0.3, 0.55, 0.05];
const W = [1, 2, 0.5, 1, 3, 1, 0.25, 1, 2, 1.5, 1, 0.75];

Deno.test("auc matches sklearn roc_auc_score with ties", () => {
  // sklearn 1.2.1: roc_auc_score(Y, S)
  assertClose(auc(Y, S), 0.875);
});

Deno.test("auc matches sklearn roc_auc_score with sample weights", () => {
  // sklearn 1.2.1: roc_auc_score(Y, S, sample_weight=W)
  assertClose(auc(Y, S, W), 0.9521531100478469);
});

Deno.test("auc by hand: tie between a positive and a negative counts one half", () => {
  // pairs (pos, neg): (0.5 vs 0.5) tie = 0.5, (0.5 vs 0.2) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.2) = 1 → 3.5 / 4
  assertClose(auc([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.2]), 0.875);
  // all tied → 0.5
  assertClose(auc([1, 0, 1, 0], [3, 3, 3, 3]), 0.5);
});

Deno.test("auc: integer weights equal row duplication", () => {
  const y = [1, 0, 1, 0, 0], s = [0.3, 0.3, 0.8, 0.5, 0.1], w = [2, 1, 1, 3, 1];
  const yd: number[] = [], sd: number[] = [];
  y.forEach((v, i) => {
    for (let r = 0; r < w[i]!; r++) {
      yd.push(v);
      sd.push(s[i]!);
    }
  });
  assertClose(auc(y, s, w), auc(yd, sd));
});

Deno.test("rocCurve matches sklearn roc_curve(drop_intermediate=False)", () => {
  // sklearn 1.2.1: roc_curve(Y, S, drop_intermediate=False); sklearn puts max+1 (1.9) as the first
  // threshold, we put +Infinity (as sklearn >= 1.3 does).
  const c = rocCurve(Y, S);
  assertAllClose(c.fpr, [0, 0, 0, 1 / 6, 1 / 6, 1 / 3, 0.5, 2 / 3, 5 / 6, 1]);
  assertAllClose(c.tpr, [0, 1 / 6, 1 / 3, 0.5, 2 / 3, 1, 1, 1, 1, 1]);
  assert.equal(c.thresholds[0], Infinity);
  assertAllClose(c.thresholds.slice(1), [0.9, 0.8, 0.65, 0.55, 0.4, 0.3, 0.2, 0.1, 0.05]);
});

Deno.test("auc rejects bad input, naming the field", () => {
  assertInputError(() => auc([], []), "labels", /empty/);
  assertInputError(() => auc([0, 1], [0.1]), "scores", /length/);
  assertInputError(() => auc([0, 1], [0.1, NaN]), "scores", /NaN/);
  assertInputError(() => auc([0, 1], [0.1, Infinity]), "scores", /Infinity/);
  assertInputError(() => auc([0, NaN], [0.1, 0.2]), "labels");
  assertInputError(() => auc([0, 2], [0.1, 0.2]), "labels", /0 or 1/);
  assertInputError(() => auc([1, 1], [0.1, 0.2]), "labels", /no negative/);
  assertInputError(() => auc([0, 0], [0.1, 0.2]), "labels", /no positive/);
  assertInputError(() => auc([0, 1], [0.1, 0.2], [1, 0]), "weights", /no positive/);
  assertInputError(() => auc([0, 1], [0.1, 0.2], [1, -1]), "weights");
  assertInputError(() => auc([0, 1], [0.1, 0.2], [1]), "weights", /length/);
  assertInputError(() => rocCurve([1, 1], [0.1, 0.2]), "labels", /no negative/);
});

const binaryData = fc.integer({ min: 2, max: 30 }).chain((n) =>
  fc.tuple(
    fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
    fc.array(fc.integer({ min: -20, max: 20 }).map((v) => v / 4), { minLength: n, maxLength: n }),
  )
).filter(([y]) => y.includes(0) && y.includes(1));

Deno.test("property: auc is invariant to strictly increasing score transforms", () => {
  fc.assert(fc.property(binaryData, ([y, s]) => {
    const t = s.map((v) => Math.exp(v) * 3 + 1);
    assertClose(auc(y, t), auc(y, s), 1e-12);
  }));
});

Deno.test("property: auc(1 − s) = 1 − auc(s), and auc in [0, 1]", () => {
  fc.assert(fc.property(binaryData, ([y, s]) => {
    const a = auc(y, s);
    assert.ok(a >= 0 && a <= 1);
    assertClose(auc(y, s.map((v) => 1 - v)), 1 - a, 1e-12);
  }));
});

Deno.test("property: auc equals brute-force pair counting", () => {
  fc.assert(fc.property(binaryData, ([y, s]) => {
    let num = 0, den = 0;
    for (let i = 0; i < y.length; i++) {
      for (let j = 0; j < y.length; j++) {
        if (y[i] === 1 && y[j] === 0) {
          den++;
          num += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
        }
      }
    }
    assertClose(auc(y, s), num / den, 1e-12);
  }));
});

Deno.test("property: trapezoid area of rocCurve equals auc", () => {
  fc.assert(fc.property(binaryData, ([y, s]) => {
    const c = rocCurve(y, s);
    let area = 0;
    for (let j = 1; j < c.fpr.length; j++) {
      area += (c.fpr[j]! - c.fpr[j - 1]!) * (c.tpr[j]! + c.tpr[j - 1]!) / 2;
    }
    assertClose(area, auc(y, s), 1e-12);
    assert.equal(c.fpr[c.fpr.length - 1], 1);
    assert.equal(c.tpr[c.tpr.length - 1], 1);
  }));
});

Deno.test("weighted AUC does not depend on the weights' scale, down to 1e-300 (no underflow to NaN)", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 1 }),
          fc.integer({ min: 0, max: 5 }),
          fc.double({ min: 0.1, max: 3, noNaN: true }),
        ),
        {
          minLength: 2,
          maxLength: 30,
        },
      ).filter((rows) => rows.some((r) => r[0] === 1) && rows.some((r) => r[0] === 0)),
      (rows) => {
        const labels = rows.map((r) => r[0]), scores = rows.map((r) => r[1]), weights = rows.map((r) => r[2]);
        const want = auc(labels, scores, weights);
        for (const scale of [1e-300, 1e300 / 3]) {
          const got = auc(labels, scores, weights.map((w) => w * scale));
          assert.ok(Math.abs(got - want) < 1e-12, `scale ${scale}: ${got} vs ${want}`);
        }
      },
    ),
    { numRuns: 200 },
  );
});
