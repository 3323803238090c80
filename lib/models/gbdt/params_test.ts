import assert from "node:assert/strict";
import { InputError } from "../../errors.ts";
import { DEFAULT_PARAMS, type GbdtParams, leafLimit, resolveParams, validateParams } from "./params.ts";

const rejects = (partial: Partial<GbdtParams>, field: string, message: string, nFeatures = 3) =>
  assert.throws(
    () => validateParams(resolveParams({ objective: "regression", ...partial }), nFeatures),
    (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.field, field);
      assert.equal(e.message, message);
      return true;
    },
  );

Deno.test("defaults are LightGBM's and validate", () => {
  const p = resolveParams({ objective: "regression" });
  assert.equal(p.numLeaves, 31);
  assert.equal(p.maxDepth, -1);
  assert.equal(p.minDataInLeaf, 20);
  assert.equal(p.minSumHessian, 1e-3);
  assert.equal(p.maxBins, 255);
  validateParams(p, 5);
  assert.equal(resolveParams({ objective: "binary", numLeaves: 7 }).numLeaves, 7);
  assert.equal(
    resolveParams({ objective: "binary", numLeaves: undefined }).numLeaves,
    DEFAULT_PARAMS.numLeaves,
  );
});

Deno.test("growPolicy: lossguide by default; depthwise defaults numLeaves to 0 (no limit: maxDepth bounds the tree)", () => {
  assert.equal(resolveParams({ objective: "regression" }).growPolicy, "lossguide");
  const d = resolveParams({ objective: "regression", growPolicy: "depthwise", maxDepth: 6 });
  assert.equal(d.numLeaves, 0);
  validateParams(d, 3);
  assert.equal(leafLimit(d), 64);
  const capped = resolveParams({
    objective: "regression",
    growPolicy: "depthwise",
    maxDepth: 6,
    numLeaves: 20,
  });
  assert.equal(capped.numLeaves, 20);
  assert.equal(leafLimit(capped), 20);
  validateParams(resolveParams({ objective: "regression", growPolicy: "depthwise", numLeaves: 9 }), 3);
  validateParams(resolveParams({ objective: "regression", growPolicy: "depthwise", maxDepth: 17 }), 3);
});

Deno.test("objective has no default: resolveParams names it when it is missing", () => {
  const missing = (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.field, "objective");
    assert.equal(
      e.message,
      'Cannot fit GBDT: "objective" is required (there is no default): one of "binary", "regression", "poisson", "lambdarank", "multiclass"',
    );
    return true;
  };
  assert.throws(() => resolveParams(), missing);
  assert.throws(() => resolveParams({ numLeaves: 7 }), missing);
  assert.throws(() => resolveParams({ objective: undefined }), missing);
  assert.equal("objective" in DEFAULT_PARAMS, false);
  assert.equal(resolveParams({ objective: "poisson" }).objective, "poisson");
});

Deno.test("out-of-range parameters name the field and the range", () => {
  rejects({ maxBins: 300 }, "maxBins", 'Cannot fit GBDT: "maxBins" must be an integer in [2, 255], got 300');
  rejects({ learningRate: 0 }, "learningRate", 'Cannot fit GBDT: "learningRate" must be in (0, 1], got 0');
  rejects(
    { numLeaves: 1 },
    "numLeaves",
    'Cannot fit GBDT: "numLeaves" must be an integer in [2, 131072], got 1',
  );
  rejects({ maxDepth: 0 }, "maxDepth", 'Cannot fit GBDT: "maxDepth" must be an integer in [1, 64], got 0');
  rejects(
    { lambdaL2: -1 },
    "lambdaL2",
    'Cannot fit GBDT: "lambdaL2" must be in [0, 1.7976931348623157e+308], got -1',
  );
  rejects(
    { baggingFraction: 1.5 },
    "baggingFraction",
    'Cannot fit GBDT: "baggingFraction" must be in (0, 1], got 1.5',
  );
  rejects(
    { objective: "huber" as "regression" },
    "objective",
    'Cannot fit GBDT: "objective" must be one of "binary", "regression", "poisson", "lambdarank", "multiclass", got "huber"',
  );
  rejects(
    { objective: "multiclass", numClass: 1 },
    "numClass",
    'Cannot fit GBDT: "numClass" must be an integer in [2, 1000], got 1',
  );
  rejects(
    { monotoneConstraints: [1, 0] },
    "monotoneConstraints",
    'Cannot fit GBDT: "monotoneConstraints" must have one entry per feature (3), got 2',
  );
  rejects(
    { monotoneConstraints: [1, 0, 2] },
    "monotoneConstraints",
    'Cannot fit GBDT: "monotoneConstraints" entry 2 must be -1, 0 or 1, got 2',
  );
  rejects(
    { categoricalFeatures: [3] },
    "categoricalFeatures",
    'Cannot fit GBDT: "categoricalFeatures" must hold feature indices in [0, 2], got 3',
  );
  rejects(
    { categoricalFeatures: [1], monotoneConstraints: [0, 1, 0] },
    "monotoneConstraints",
    'Cannot fit GBDT: "monotoneConstraints" feature 1 is categorical and cannot be monotone-constrained',
  );
  rejects(
    { binning: "exact" as GbdtParams["binning"] },
    "binning",
    'Cannot fit GBDT: "binning" must be "lightgbm" or "quantile", got "exact"',
  );
  rejects(
    { minDataInLeafBy: "weight" as GbdtParams["minDataInLeafBy"] },
    "minDataInLeafBy",
    'Cannot fit GBDT: "minDataInLeafBy" must be "rows" or "hessian", got "weight"',
  );
  rejects(
    { thresholdPlacement: "centre" as GbdtParams["thresholdPlacement"] },
    "thresholdPlacement",
    'Cannot fit GBDT: "thresholdPlacement" must be "left", "middle" or "right", got "centre"',
  );
  rejects(
    { binning: "lightgbm", minDataInBin: 0 },
    "minDataInBin",
    'Cannot fit GBDT: "minDataInBin" must be an integer in [1, 2147483647], got 0',
  );
  rejects(
    { growPolicy: "levelwise" as GbdtParams["growPolicy"] },
    "growPolicy",
    'Cannot fit GBDT: "growPolicy" must be "lossguide" or "depthwise", got "levelwise"',
  );
  rejects(
    { numLeaves: 0 },
    "numLeaves",
    'Cannot fit GBDT: "numLeaves" 0 (no limit) needs growPolicy "depthwise"; with "lossguide" it must be in [2, 131072]',
  );
  rejects(
    { growPolicy: "depthwise" },
    "maxDepth",
    'Cannot fit GBDT: "maxDepth" must be set (in [1, 17]) when numLeaves is 0 (no leaf limit), got -1',
  );
  rejects(
    { growPolicy: "depthwise", maxDepth: 18 },
    "maxDepth",
    'Cannot fit GBDT: "maxDepth" must be an integer in [1, 17], got 18',
  );
  rejects(
    { growPolicy: "depthwise", numLeaves: 1, maxDepth: 3 },
    "numLeaves",
    'Cannot fit GBDT: "numLeaves" must be an integer in [2, 131072], got 1',
  );
  assert.throws(
    () => resolveParams({ numTrees: 3 } as Partial<GbdtParams>),
    /"numTrees" is not a GBDT parameter/,
  );
});
