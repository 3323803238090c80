/**
 * Two-tower hyper-parameters: type, default, allowed range and a one-line doc each, validated once at
 * the start of `fitTwoTower`.
 * @module
 */
import { InputError } from "../../errors.ts";
import { TF_BACKENDS, type TfBackend } from "../tf_backend.ts";

/** Two-tower hyper-parameters. */
export interface TwoTowerParams {
  /** Output embedding width (both towers), in [2, 1024]. Default 64. */
  readonly embeddingDim: number;
  /** Width of the ID embedding, in [1, 1024]. Default 32. */
  readonly idDim: number;
  /** Width of each categorical feature's embedding, in [1, 256]. Default 8. */
  readonly featureDim: number;
  /** Hidden ReLU layer widths of each tower's MLP (each in [1, 4096], at most 4 layers). Default [128]. */
  readonly hidden: readonly number[];
  /** Softmax temperature τ: logits are cos(u, v) / τ. In (0, 10]. Default 0.1. */
  readonly temperature: number;
  /** Subtract log(expected count) of each candidate from its logit (Yi et al. 2019). Default true. */
  readonly logQCorrection: boolean;
  /** Extra uniformly sampled negative items per batch (0 = in-batch only), in [0, 100000]. Default 0. */
  readonly randomNegatives: number;
  /** Probability that a training example's user/item ID is replaced by the OOV ID, training the feature-only (cold-start) path, in [0, 1). Default 0.1. */
  readonly idDropout: number;
  /** Passes over the training pairs, in [1, 1000]. Default 5. */
  readonly epochs: number;
  /** Positive pairs per batch (= in-batch candidates), in [2, 65536]. Default 256. */
  readonly batchSize: number;
  /** Adam learning rate, in (0, 1]. Default 0.005. */
  readonly learningRate: number;
  /** tfjs backend used for training and batch inference (default: `LAB_TF_BACKEND` or "wasm"). */
  readonly backend?: TfBackend;
}

/** Defaults. */
export const TWO_TOWER_DEFAULTS: TwoTowerParams = {
  embeddingDim: 64,
  idDim: 32,
  featureDim: 8,
  hidden: [128],
  temperature: 0.1,
  logQCorrection: true,
  randomNegatives: 0,
  idDropout: 0.1,
  epochs: 5,
  batchSize: 256,
  learningRate: 0.005,
};

function fail(name: string, problem: string): never {
  throw new InputError(name, `Cannot fit two-tower: "${name}" ${problem}`);
}

function intIn(name: string, v: unknown, lo: number, hi: number): void {
  if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) {
    fail(name, `must be an integer in [${lo}, ${hi}], got ${v}`);
  }
}

/** Merges `partial` over the defaults and validates every field. */
export function resolveTwoTowerParams(partial: Partial<TwoTowerParams> = {}): TwoTowerParams {
  const known = new Set([...Object.keys(TWO_TOWER_DEFAULTS), "backend"]);
  for (const k of Object.keys(partial)) {
    if (!known.has(k)) fail(k, `is not a two-tower parameter (known: ${[...known].join(", ")})`);
  }
  const p: TwoTowerParams = { ...TWO_TOWER_DEFAULTS, ...partial };
  intIn("embeddingDim", p.embeddingDim, 2, 1024);
  intIn("idDim", p.idDim, 1, 1024);
  intIn("featureDim", p.featureDim, 1, 256);
  if (!Array.isArray(p.hidden) || p.hidden.length > 4) {
    fail("hidden", `must be an array of at most 4 widths, got ${JSON.stringify(p.hidden)}`);
  }
  p.hidden.forEach((h, i) => intIn(`hidden[${i}]`, h, 1, 4096));
  if (!(p.temperature > 0 && p.temperature <= 10)) {
    fail("temperature", `must be in (0, 10], got ${p.temperature}`);
  }
  if (typeof p.logQCorrection !== "boolean") {
    fail("logQCorrection", `must be a boolean, got ${p.logQCorrection}`);
  }
  intIn("randomNegatives", p.randomNegatives, 0, 100000);
  if (!(p.idDropout >= 0 && p.idDropout < 1)) fail("idDropout", `must be in [0, 1), got ${p.idDropout}`);
  intIn("epochs", p.epochs, 1, 1000);
  intIn("batchSize", p.batchSize, 2, 65536);
  if (!(p.learningRate > 0 && p.learningRate <= 1)) {
    fail("learningRate", `must be in (0, 1], got ${p.learningRate}`);
  }
  if (p.backend !== undefined && !TF_BACKENDS.includes(p.backend)) {
    fail("backend", `must be one of ${TF_BACKENDS.join(", ")}, got ${p.backend}`);
  }
  return p;
}
