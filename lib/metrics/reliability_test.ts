import assert from "node:assert/strict";
import fc from "fast-check";
import { expectedCalibrationError, maxCalibrationError, reliabilityBins } from "./reliability.ts";
import { assertClose, assertInputError } from "./_testing.ts";

Deno.test("reliabilityBins by hand", () => {
  // 5 bins of width 0.2. Rows: 0.1→bin0 (y0), 0.15→bin0 (y1), 0.5→bin2 (y1), 0.95→bin4 (y1), 1.0→bin4 (y0)
  const bins = reliabilityBins([0, 1, 1, 1, 0], [0.1, 0.15, 0.5, 0.95, 1.0], { nBins: 5 });
  assert.equal(bins.length, 5);
  assert.equal(bins[0]!.count, 2);
  assertClose(bins[0]!.meanPredicted!, 0.125, 1e-15);
  assert.equal(bins[0]!.observedRate, 0.5);
  assert.equal(bins[1]!.count, 0);
  assert.equal(bins[1]!.meanPredicted, null);
  assert.equal(bins[2]!.count, 1);
  assert.equal(bins[4]!.count, 2); // p = 1 goes into the last bin
  assertClose(bins[4]!.meanPredicted!, 0.975, 1e-15);
  assertClose(bins[3]!.lower, 0.6, 1e-15);
});

Deno.test("expectedCalibrationError by hand", () => {
  // Same rows: bin0 |0.5 − 0.125| = 0.375 ×2/5; bin2 |1 − 0.5| = 0.5 ×1/5; bin4 |0.5 − 0.975| = 0.475 ×2/5
  const y = [0, 1, 1, 1, 0], p = [0.1, 0.15, 0.5, 0.95, 1.0];
  assertClose(expectedCalibrationError(y, p, { nBins: 5 }), (2 * 0.375 + 0.5 + 2 * 0.475) / 5, 1e-12);
  assertClose(maxCalibrationError(y, p, { nBins: 5 }), 0.5, 1e-12);
  // Weighted: weights 2 on the first row → bin0 count 3, mean p (0.2+0.15)/3, rate 1/3
  const w = [2, 1, 1, 1, 1];
  const bin0 = Math.abs(1 / 3 - 0.35 / 3) * 3;
  assertClose(expectedCalibrationError(y, p, { nBins: 5, weights: w }), (bin0 + 0.5 + 2 * 0.475) / 6, 1e-12);
});

Deno.test("ECE is 0 for a perfectly calibrated set", () => {
  // bin [0.2,0.4): p = 0.25 ×4 with one positive; bin [0.6,0.8): p = 0.75 ×4 with three positives
  const y = [1, 0, 0, 0, 1, 1, 1, 0], p = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75];
  assertClose(expectedCalibrationError(y, p, { nBins: 5 }), 0, 1e-15);
});

Deno.test("reliability functions reject bad input", () => {
  assertInputError(() => reliabilityBins([], []), "labels", /empty/);
  assertInputError(() => reliabilityBins([0, 1], [0.5, 1.5]), "probabilities");
  assertInputError(() => reliabilityBins([0, 1], [0.5, 0.5], { nBins: 0 }), "nBins");
  assertInputError(() => expectedCalibrationError([0, 2], [0.5, 0.5]), "labels");
  assertInputError(() => expectedCalibrationError([0, 1], [0.5]), "probabilities", /length/);
});

Deno.test("property: ECE in [0, 1], <= MCE, bin counts sum to n", () => {
  const data = fc.integer({ min: 1, max: 40 }).chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      fc.integer({ min: 1, max: 15 }),
    )
  );
  fc.assert(fc.property(data, ([y, p, nBins]) => {
    const ece = expectedCalibrationError(y, p, { nBins });
    assert.ok(ece >= 0 && ece <= 1);
    assert.ok(ece <= maxCalibrationError(y, p, { nBins }) + 1e-12);
    const total = reliabilityBins(y, p, { nBins }).reduce((s, b) => s + b.count, 0);
    assert.equal(total, y.length);
  }));
});
