/**
 * Test helper: small random valid training problems with random valid parameters, as a fast-check
 * arbitrary: every one should fit. Data holds missing values, ties, extreme magnitudes, an optional categorical column,
 * optional weights (some below float32's range) and lambdarank queries of any size, one row included;
 * parameters reach their range limits (one bin, depth 1, λ = 0, minSumHessian 0, learning rate 1),
 * with either growth policy.
 * Not part of the public API.
 * @module
 */
import fc from "fast-check";
import { Rng } from "../../random/mod.ts";
import type { GbdtData } from "./booster.ts";
import type { ObjectiveName } from "./objective.ts";
import type { GbdtParams } from "./params.ts";
import { matrixOf } from "./_test_data.ts";

/** A random problem: the data, the parameters, and the fit seed. */
export interface RandomFit {
  readonly data: GbdtData;
  readonly params: Partial<GbdtParams>;
  readonly seed: number;
  /** Column 0 is categorical (codes 0–5, or 0–39 which can pass the bin cap; NaN missing). */
  readonly categorical: boolean;
}

const OBJECTIVES: readonly ObjectiveName[] = ["binary", "regression", "poisson", "lambdarank", "multiclass"];
/** Feature values besides uniform draws: ties, zeros of both signs, a subnormal, huge magnitudes. */
const SPECIAL = [0, -0, 1, 1e-45, 1e6, -1e6, 3.4e38, -3.4e38];

/** Random problems of up to `maxRows` rows and 4 features. */
export function randomFit(maxRows = 60): fc.Arbitrary<RandomFit> {
  return fc.record({
    dataSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    n: fc.integer({ min: 1, max: maxRows }),
    nF: fc.integer({ min: 1, max: 4 }),
    objective: fc.constantFrom(...OBJECTIVES),
    categorical: fc.boolean(),
    manyCategories: fc.boolean(),
    monotone: fc.boolean(),
    weights: fc.constantFrom("none", "random", "some below float32"),
    params: fc.record({
      nEstimators: fc.integer({ min: 1, max: 5 }),
      learningRate: fc.constantFrom(1, 0.3, 1e-6),
      growPolicy: fc.constantFrom("lossguide" as const, "depthwise" as const),
      numLeaves: fc.integer({ min: 2, max: 16 }),
      maxDepth: fc.constantFrom(-1, 1, 3),
      minDataInLeaf: fc.integer({ min: 1, max: 20 }),
      minDataInLeafBy: fc.constantFrom("rows" as const, "hessian" as const),
      minSumHessian: fc.constantFrom(0, 1e-3, 10),
      lambdaL2: fc.constantFrom(0, 1),
      alphaL1: fc.constantFrom(0, 0.5),
      maxBins: fc.constantFrom(2, 3, 16, 255),
      binning: fc.constantFrom("quantile" as const, "lightgbm" as const),
      thresholdPlacement: fc.constantFrom("left" as const, "middle" as const, "right" as const),
      baggingFreq: fc.constantFrom(0, 1),
      featureFraction: fc.constantFrom(1, 0.5),
      maxCatToOnehot: fc.constantFrom(0, 4),
    }),
    seed: fc.integer({ min: 0, max: 1000 }),
  }).map((a) => {
    const rng = new Rng(a.dataSeed);
    const value = () => {
      const u = rng.float();
      return u < 0.1
        ? NaN
        : u < 0.3
        ? SPECIAL[rng.int(SPECIAL.length)]!
        : u < 0.5
        ? rng.int(4)
        : rng.uniform(-5, 5);
    };
    const rows = Array.from({ length: a.n }, () => Array.from({ length: a.nF }, value));
    const nCodes = a.manyCategories ? 40 : 6;
    if (a.categorical) { for (const row of rows) row[0] = rng.float() < 0.1 ? NaN : rng.int(nCodes); }
    const signal = (row: number[]) => {
      const x = row[a.nF - 1]!;
      return Number.isFinite(x) ? Math.max(-5, Math.min(5, x)) : 0;
    };
    const labels = rows.map((row) => {
      const s = signal(row) + rng.float();
      switch (a.objective) {
        case "binary":
          return s > 0.5 ? 1 : 0;
        case "multiclass":
          return rng.int(3);
        case "lambdarank":
          return Math.max(0, Math.min(3, Math.floor(s)));
        case "poisson":
          return rng.int(5);
        default:
          return 2 * s;
      }
    });
    if (a.objective === "poisson" && !labels.some((y) => y > 0)) labels[0] = 1; // else an InputError
    // the binary objective needs both classes (else an InputError): flip one row; one row is a regression
    let objective = a.objective;
    if (objective === "binary" && labels.every((y) => y === labels[0])) {
      if (a.n > 1) labels[0] = 1 - labels[0]!;
      else objective = "regression";
    }
    const groups: number[] = [];
    for (let left = a.n; left > 0;) {
      const size = Math.min(left, 1 + rng.int(10));
      groups.push(size);
      left -= size;
    }
    const weights = a.weights === "none"
      ? undefined
      : rows.map(() => (a.weights === "random" ? 0.1 + 3 * rng.float() : rng.float() < 0.5 ? 1e-300 : 1));
    const params: Partial<GbdtParams> = {
      ...a.params,
      objective,
      baggingFraction: a.params.baggingFreq > 0 ? 0.7 : 1,
      categoricalFeatures: a.categorical ? [0] : undefined,
      monotoneConstraints: a.monotone
        ? Array.from({ length: a.nF }, (_, j) => (a.categorical && j === 0 ? 0 : j % 2 === 0 ? 1 : -1))
        : undefined,
      numClass: a.objective === "multiclass" ? 3 : 2,
      nThreads: 1,
    };
    const data: GbdtData = {
      matrix: matrixOf(rows),
      labels,
      weights,
      groups: a.objective === "lambdarank" ? groups : undefined,
    };
    return { data, params, seed: a.seed, categorical: a.categorical };
  });
}
