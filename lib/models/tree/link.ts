/**
 * The link of a tree ensemble: the function from raw margins to predictions. It is all a GBDT needs
 * at prediction time besides its trees (the training objective is not built to predict):
 *
 * | link       | predictions                         | GBDT objectives          |
 * |------------|-------------------------------------|--------------------------|
 * | `identity` | the margin itself                   | regression, lambdarank   |
 * | `sigmoid`  | `1 / (1 + e^(−z))`                  | binary                   |
 * | `exp`      | `e^z` (expected count)              | poisson                  |
 * | `softmax`  | row-wise `e^(z_k − max) / Σ e^(…)`  | multiclass (K outputs)   |
 *
 * The objectives' `transform` calls {@link applyLink}, so training and serving share one formula.
 *
 * @example
 * ```ts
 * import { applyLink } from "./link.ts";
 * applyLink("sigmoid", Float64Array.of(0), 1)[0]; // 0.5
 * [...applyLink("softmax", Float64Array.of(0, 0), 2)]; // [0.5, 0.5]
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";

/** The links, for validation. */
export const LINKS = ["identity", "sigmoid", "exp", "softmax"] as const;
/** One of {@link LINKS}. */
export type Link = (typeof LINKS)[number];

/** True when `v` names a link. */
export function isLink(v: unknown): v is Link {
  return typeof v === "string" && (LINKS as readonly string[]).includes(v);
}

/**
 * Maps raw margins (row-major, `n · nOutputs`) to predictions; a new array. `softmax` is row-wise over
 * `nOutputs` columns (InputError when the length is not a multiple of it); the others are element-wise.
 */
export function applyLink(link: Link, raw: Float64Array, nOutputs: number): Float64Array {
  const out = new Float64Array(raw.length);
  switch (link) {
    case "identity":
      out.set(raw);
      return out;
    case "sigmoid":
      for (let i = 0; i < raw.length; i++) out[i] = 1 / (1 + Math.exp(-raw[i]!));
      return out;
    case "exp":
      for (let i = 0; i < raw.length; i++) out[i] = Math.exp(raw[i]!);
      return out;
    case "softmax": {
      const k = nOutputs;
      if (!Number.isInteger(k) || k < 1 || raw.length % k !== 0) {
        throw new InputError("raw", `length ${raw.length} is not a multiple of ${k} classes`);
      }
      for (let off = 0; off < raw.length; off += k) softmaxRow(raw, off, k, out);
      return out;
    }
    default:
      throw new InputError("link", `must be one of ${LINKS.join(", ")}, got "${link}"`);
  }
}

/** Writes softmax(src[off .. off + k)) into dst at the same place, shifting by the max for stability. */
function softmaxRow(src: Float64Array, off: number, k: number, dst: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, src[off + c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(src[off + c]! - max);
    dst[off + c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) dst[off + c] = dst[off + c]! / sum;
}
