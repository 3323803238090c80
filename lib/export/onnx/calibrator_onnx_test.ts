import assert from "node:assert/strict";
import fc from "fast-check";
import {
  type Calibrator,
  fitIsotonic,
  fitPlatt,
  IsotonicCalibrator,
  PlattCalibrator,
} from "../../calibration/mod.ts";
import { InputError } from "../../errors.ts";
import { addCalibrator } from "./calibrator_onnx.ts";
import { OnnxGraphBuilder } from "./graph_builder.ts";
import { ElemType } from "./proto.ts";
import { OnnxSession } from "./run.ts";

/** Runs the calibrator graph on doubles (double in, double out: the formula alone, no float rounding). */
async function onnxCalibrate(c: Calibrator, x: number[]): Promise<Float64Array> {
  const b = new OnnxGraphBuilder("cal");
  b.addInput("x", ElemType.DOUBLE, ["batch", 1]);
  b.op("Identity", [addCalibrator(b, "x", c)], {}, "y");
  b.addOutput("y", ElemType.DOUBLE, ["batch", 1]);
  const s = await OnnxSession.open(b.toBytes());
  try {
    return (await s.runNumeric({ x: { type: "float64", data: x, dims: [x.length, 1] } })).y as Float64Array;
  } finally {
    await s.release();
  }
}

function assertClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number, what: string): void {
  for (let i = 0; i < want.length; i++) {
    assert.ok(Math.abs(got[i]! - want[i]!) <= tol, `${what} [${i}]: onnx ${got[i]} vs ts ${want[i]}`);
  }
}

Deno.test("Platt in ONNX = PlattCalibrator.predict (probability input clipped at 1e-12; score input)", async () => {
  const probs = [0, 1e-15, 1e-12, 0.01, 0.3, 0.5, 0.77, 1 - 1e-13, 1];
  const byHand = (p: number) => {
    const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
    return 1 / (1 + Math.exp(-(1.7 * Math.log(q / (1 - q)) - 0.4)));
  };
  const c = new PlattCalibrator(1.7, -0.4, "probability");
  assertClose(await onnxCalibrate(c, probs), probs.map(byHand), 1e-14, "by hand");
  assertClose(await onnxCalibrate(c, probs), c.predict(probs), 1e-14, "predict");
  const scores = [-30, -2.5, 0, 0.1, 4, 40];
  const s = new PlattCalibrator(-0.8, 0.3, "score");
  assertClose(await onnxCalibrate(s, scores), s.predict(scores), 1e-14, "score");
  const fitted = fitPlatt([0.1, 0.2, 0.7, 0.4, 0.9, 0.8], [0, 1, 0, 0, 1, 1]);
  assertClose(await onnxCalibrate(fitted, probs), fitted.predict(probs), 1e-14, "fitted");
});

Deno.test("isotonic in ONNX = IsotonicCalibrator.predict: ends, thresholds, interiors (1, 2 and many points)", async () => {
  const one = new IsotonicCalibrator(Float64Array.of(0.5), Float64Array.of(0.3));
  assertClose(await onnxCalibrate(one, [0, 0.5, 0.9]), [0.3, 0.3, 0.3], 0, "one point");
  const two = new IsotonicCalibrator(Float64Array.of(0.2, 0.6), Float64Array.of(0.1, 0.5));
  // by hand: clip below 0.2 → 0.1, above 0.6 → 0.5, 0.4 → 0.1 + 0.5 · 0.4 = 0.3
  assertClose(
    await onnxCalibrate(two, [0, 0.2, 0.4, 0.6, 1]),
    [0.1, 0.1, 0.3, 0.5, 0.5],
    1e-15,
    "two points",
  );
  const iso = fitIsotonic([1, 2, 3, 4], [1, 3, 2, 4]); // fit 1, 2.5, 2.5, 4 (thresholds 1, 2, 3, 4)
  assertClose(
    await onnxCalibrate(iso, [0, 1, 1.5, 2, 2.5, 3, 3.5, 4, 9]),
    [1, 1, 1.75, 2.5, 2.5, 2.5, 3.25, 4, 4],
    1e-15,
    "toy",
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1)), {
        minLength: 1,
        maxLength: 60,
      }),
      fc.array(fc.double({ min: -0.5, max: 1.5, noNaN: true }), { minLength: 1, maxLength: 30 }),
      async (points, xs) => {
        const c = fitIsotonic(points.map((p) => p[0]), points.map((p) => p[1]));
        const probes = [...xs, ...c.thresholds]; // exactly at every threshold too
        assertClose(await onnxCalibrate(c, probes), c.predict(probes), 1e-12, "random");
      },
    ),
    { numRuns: 40, seed: 5 },
  );
});

Deno.test("addCalibrator rejects unknown kinds and empty maps", () => {
  const b = new OnnxGraphBuilder("cal");
  b.addInput("x", ElemType.DOUBLE, ["batch", 1]);
  assert.throws(() => addCalibrator(b, "x", { kind: "beta" } as never), InputError);
  assert.throws(
    () => addCalibrator(b, "x", { kind: "isotonic", version: 1, thresholds: [], values: [] }),
    InputError,
  );
});
