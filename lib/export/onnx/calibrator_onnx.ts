/**
 * Calibrators (`lib/calibration`) as `ai.onnx` operators in double, appended after a model's output
 * inside the same graph, each repeating the TypeScript formula operation for operation:
 *
 * - **Platt** `σ(a·s + b)`: `s = log(p / (1 − p))` of `p` clipped to `[1e-12, 1 − 1e-12]` (input
 *   "probability"), or the value itself (input "score"): `Clip → Sub → Div → Log → Mul → Add → Sigmoid`.
 * - **Isotonic** (piecewise linear, clipped to the end values): `x` is clipped to `[t₀, t_last]`; the
 *   segment `j` is the number of interior thresholds `t₁ … t_{m−2}` that are `<= x`
 *   (`LessOrEqual → Cast → ReduceSum`), the largest `j` with `t_j <= x` as in the binary search of
 *   `IsotonicCalibrator.predict`; then `v_j + (x − t_j) / (t_{j+1} − t_j) · (v_{j+1} − v_j)` with
 *   `Gather`. A clipped end point gives `frac` 0 or 1, so the ends equal the end values (to one ulp).
 *
 * The calibrator reads the model's prediction (what `calibrator.predict(model.predict(x))` does in
 * TypeScript). A NaN input gives NaN (TypeScript throws InputError).
 *
 * @example
 * ```ts
 * import { OnnxGraphBuilder } from "./graph_builder.ts";
 * import { addCalibrator } from "./calibrator_onnx.ts";
 * import { ElemType } from "./proto.ts";
 * const b = new OnnxGraphBuilder("cal");
 * b.addInput("p", ElemType.DOUBLE, ["batch", 1]);
 * b.op("Identity", [addCalibrator(b, "p", { kind: "isotonic", version: 1, thresholds: [0, 1], values: [0.2, 0.6] })], {}, "q");
 * b.addOutput("q", ElemType.DOUBLE, ["batch", 1]);
 * ```
 * @module
 */
import type { Calibrator, CalibratorJSON } from "../../calibration/mod.ts";
import { PLATT_EPS } from "../../calibration/mod.ts";
import { InputError } from "../../errors.ts";
import { attr, type OnnxGraphBuilder } from "./graph_builder.ts";

/** A calibrator object or its JSON. */
export type CalibratorLike = Calibrator | CalibratorJSON;

/** The JSON of a calibrator or of calibrator-like input. */
export function calibratorJSON(c: CalibratorLike): CalibratorJSON {
  return "toJSON" in c && typeof c.toJSON === "function" ? c.toJSON() : c as CalibratorJSON;
}

/**
 * Adds the calibrator to a double `[batch, 1]` tensor `x`; returns the calibrated double tensor.
 * Throws InputError on an unknown kind or a malformed isotonic map.
 */
export function addCalibrator(b: OnnxGraphBuilder, x: string, calibrator: CalibratorLike): string {
  const c = calibratorJSON(calibrator);
  const scalar = (v: number, prefix: string) =>
    b.addInitializer({ type: "double", values: [v] }, [], undefined, prefix);
  if (c.kind === "platt") {
    let s = x;
    if (c.input === "probability") {
      const p = b.op("Clip", [x, scalar(PLATT_EPS, "platt_lo"), scalar(1 - PLATT_EPS, "platt_hi")]);
      s = b.op("Log", [b.op("Div", [p, b.op("Sub", [scalar(1, "one"), p])])]);
    }
    const z = b.op("Add", [b.op("Mul", [s, scalar(c.a, "platt_a")]), scalar(c.b, "platt_b")]);
    return b.op("Sigmoid", [z]);
  }
  if (c.kind !== "isotonic") {
    throw new InputError(
      "calibrator.kind",
      `must be "platt" or "isotonic", got ${(c as { kind: unknown }).kind}`,
    );
  }
  const t = c.thresholds, v = c.values, m = t.length;
  if (m === 0 || v.length !== m) {
    throw new InputError("calibrator.thresholds", "must be non-empty, one value each");
  }
  if (m === 1) return b.op("Add", [b.op("Mul", [x, scalar(0, "zero")]), scalar(v[0]!, "iso_value")]);
  const vec = (values: readonly number[], prefix: string) =>
    b.addInitializer({ type: "double", values }, [values.length], undefined, prefix);
  const xc = b.op("Clip", [x, scalar(t[0]!, "iso_lo"), scalar(t[m - 1]!, "iso_hi")]);
  let tLo: string, tHi: string, vLo: string, vHi: string;
  if (m === 2) {
    tLo = scalar(t[0]!, "iso_t0"), tHi = scalar(t[1]!, "iso_t1");
    vLo = scalar(v[0]!, "iso_v0"), vHi = scalar(v[1]!, "iso_v1");
  } else {
    const interior = b.addInitializer(
      { type: "double", values: t.slice(1, m - 1) },
      [1, m - 2],
      undefined,
      "iso_mid",
    );
    const below = b.op("Cast", [b.op("LessOrEqual", [interior, xc])], { to: attr.int(7) /* INT64 */ });
    const j = b.op("ReduceSum", [below, b.addInts([1], [1], "axes1")], { keepdims: attr.int(1) });
    const gather = (values: readonly number[], prefix: string) =>
      b.op("Gather", [vec(values, prefix), j], { axis: attr.int(0) });
    tLo = gather(t.slice(0, m - 1), "iso_tlo"), tHi = gather(t.slice(1), "iso_thi");
    vLo = gather(v.slice(0, m - 1), "iso_vlo"), vHi = gather(v.slice(1), "iso_vhi");
  }
  const frac = b.op("Div", [b.op("Sub", [xc, tLo]), b.op("Sub", [tHi, tLo])]);
  return b.op("Add", [vLo, b.op("Mul", [frac, b.op("Sub", [vHi, vLo])])]);
}
