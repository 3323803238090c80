/**
 * The model contract (`_model_contract.ts`) over every family: GBDT of each objective, logistic
 * regression, wide & deep, two-tower, item2vec, both calibrators and a calibrated package. Models are
 * tiny (tens of rows, a few trees or one epoch) so the whole battery runs in seconds.
 */
import assert from "node:assert/strict";
import type { Matrix } from "../data/types.ts";
import { ModelFormatError } from "../errors.ts";
import { Rng } from "../random/mod.ts";
import { makeInteractions } from "../recsys/mod.ts";
import { fitCalibrator } from "../calibration/mod.ts";
import { type ContractCase, modelContract } from "./_model_contract.ts";
import { loadModel, type Model, MODEL_KINDS, saveModel } from "./contract.ts";
import { fitGbdt, type GbdtModel, type GbdtParams } from "./gbdt/mod.ts";
import { fitItem2Vec } from "./item2vec/mod.ts";
import { fitLogistic, fitPoisson, fitRidge } from "./linear/mod.ts";
import { PackagedModel } from "./package.ts";
import { fitTwoTower, makeEntityFeatures } from "./two_tower/mod.ts";
import { fitWideDeep, plantedCrossData } from "./wide_deep/mod.ts";

/** 160 rows: x0 numeric, x1 numeric with missing values, "segment" categorical with strings. */
function tabular(seed: number): { matrix: Matrix; y: Float64Array; rng: Rng } {
  const rng = new Rng(seed), n = 160;
  const values = new Float32Array(n * 3), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x0 = rng.uniform(-2, 2), x1 = rng.float() < 0.2 ? NaN : rng.uniform(0, 1), c = rng.int(4);
    values.set([x0, x1, c], i * 3);
    y[i] = x0 + (c === 2 ? 1 : 0) + (Number.isNaN(x1) ? 0.5 : x1) + 0.3 * rng.float();
  }
  return {
    matrix: {
      nRows: n,
      nCols: 3,
      values,
      featureNames: ["x0", "x1", "segment"],
      categorical: [{ feature: 2, categories: ["a", "b", "c", "d"] }],
    },
    y,
    rng,
  };
}

const train = tabular(1), test = tabular(2).matrix;
const binaryLabels = train.y.map((v) => (v > 0.8 ? 1 : 0));

function gbdt(params: Partial<GbdtParams>, labels: ArrayLike<number>, groups?: number[]): GbdtModel {
  return fitGbdt({ matrix: train.matrix, labels, groups }, {
    params: { nEstimators: 4, numLeaves: 5, minDataInLeaf: 5, categoricalFeatures: [2], ...params },
    seed: 3,
  });
}

/** Corruptions of a GBDT config (paths under `prefix`, e.g. `["model"]` in a package). */
function treeCorruptions(model: GbdtModel, prefix: (string | number)[] = []) {
  const t = model.ensemble.trees[1]!;
  const leaf = t.feature.indexOf(-1), split = t.feature.findIndex((f) => f >= 0);
  return [
    { path: [...prefix, "trees", 1, "value", leaf], names: `trees[1].value[${leaf}]` },
    { path: [...prefix, "trees", 1, "threshold", split], names: `trees[1].threshold[${split}]` },
    {
      path: [...prefix, "trees", 1, "feature", split],
      values: [99, 1.5, "0"],
      names: `trees[1].feature[${split}]`,
    },
    { path: [...prefix, "baseScore", 0], names: "baseScore[0]" },
  ];
}

const scorer = <M extends Model & { predict(m: Matrix): Float64Array; predictRaw(m: Matrix): Float64Array }>(
  name: string,
  model: M,
  corruptions: ContractCase<M>["corruptions"] = [],
): ContractCase<M> => ({
  name,
  model,
  matrix: test,
  predictions: (m) => [m.predict(test), m.predictRaw(test)],
  corruptions,
});

Deno.test("model contract: GBDT of every objective", async () => {
  const counts = train.y.map((v) => Math.max(0, Math.round(v + 1)));
  const classes = train.y.map((v) => (v < 0 ? 0 : v < 1.2 ? 1 : 2));
  const relevance = train.y.map((v) => Math.min(3, Math.max(0, Math.floor(v + 1))));
  const cases: [string, GbdtModel][] = [
    ["binary", gbdt({ objective: "binary" }, binaryLabels)],
    ["regression", gbdt({ objective: "regression" }, train.y)],
    ["poisson", gbdt({ objective: "poisson" }, counts)],
    ["multiclass", gbdt({ objective: "multiclass", numClass: 3 }, classes)],
    ["lambdarank", gbdt({ objective: "lambdarank" }, relevance, Array(16).fill(10))],
  ];
  for (const [name, model] of cases) {
    assert.ok(
      model.ensemble.trees.some((t) => t.catBits.length > 0) || name !== "binary",
      "a categorical split",
    );
    await modelContract(scorer(`gbdt ${name}`, model, treeCorruptions(model)));
  }
});

Deno.test("model contract: logistic regression", async () => {
  const model = fitLogistic({ matrix: train.matrix, labels: binaryLabels }, {
    params: { categoricalFeatures: [2] },
  });
  await modelContract(scorer("logistic", model, [
    { path: ["coefficients", 0], names: "coefficients" },
    { path: ["intercept"], names: "intercept" },
    { path: ["encoder", "columns", 0, "scale"], values: ["abc", null, 0], names: "encoder" },
  ]));
});

Deno.test("model contract: ridge and Poisson regression", async () => {
  const counts = train.y.map((v) => Math.max(0, Math.round(v + 1)));
  const corruptions = [
    { path: ["coefficients", 0], names: "coefficients" },
    { path: ["intercept"], names: "intercept" },
    { path: ["encoder", "columns", 0, "scale"], values: ["abc", null, 0], names: "encoder" },
  ];
  const params = { categoricalFeatures: [2] };
  await modelContract(
    scorer("ridge", fitRidge({ matrix: train.matrix, labels: train.y }, { params }), corruptions),
  );
  await modelContract(
    scorer("poisson", fitPoisson({ matrix: train.matrix, labels: counts }, { params }), corruptions),
  );
});

Deno.test("model contract: wide & deep", async () => {
  const data = plantedCrossData(120, 4);
  const model = await fitWideDeep(data, {
    params: { crosses: [["a", "b"]], hiddenUnits: [4], maxEpochs: 1, embeddingDim: 2 },
    seed: 5,
    backend: "cpu",
  });
  await modelContract({
    name: "wide & deep",
    model,
    matrix: data.matrix,
    predictions: (m) => [m.predict(data.matrix), m.predictRaw(data.matrix)],
    corruptions: [{ path: ["encoder", "numeric", 0, "mean"], names: "encoder.numeric" }],
  });
});

Deno.test("model contract: two-tower", async () => {
  const n = 12, rng = new Rng(6);
  const user: number[] = [], item: number[] = [], timestamp: number[] = [];
  for (let u = 0; u < n; u++) {
    for (let j = 0; j < 4; j++) {
      user.push(u), item.push((u % 3) * 4 + rng.int(4)), timestamp.push(u * 10 + j);
    }
  }
  const features = (seed: number) =>
    makeEntityFeatures(n, {
      categorical: [{ name: "group", cardinality: 3, codes: Array.from({ length: n }, (_, e) => e % 3) }],
      numeric: { signal: Array.from({ length: n }, (_, e) => (e % 3) + seed * 0.1) },
    });
  const users = features(1), items = features(2);
  const model = await fitTwoTower(
    { train: makeInteractions({ user, item, timestamp, nUsers: n, nItems: n }), users, items },
    {
      seed: 2,
      params: {
        embeddingDim: 4,
        idDim: 2,
        featureDim: 2,
        hidden: [4],
        batchSize: 8,
        epochs: 1,
        backend: "cpu",
      },
    },
  );
  await modelContract({
    name: "two-tower",
    model,
    predictions: (m) => [
      m.userEmbeddings,
      m.itemEmbeddings,
      m.recommend([0, 5, 11], 4).flat(),
      m.embedReference("item", items, [-1, ...Array.from({ length: n - 1 }, (_, j) => j + 1)]),
    ],
    corruptions: [{ path: ["towers", "user", "nIds"], values: ["abc", null, -1], names: "towers.user" }],
  });
});

Deno.test("model contract: item2vec", async () => {
  const rng = new Rng(8);
  const sessions = Array.from({ length: 60 }, () => Array.from({ length: 5 }, () => rng.int(12)));
  const model = fitItem2Vec(sessions, { params: { dim: 4, epochs: 2 }, seed: 1 });
  await modelContract({
    name: "item2vec",
    model,
    predictions: (
      m,
    ) => [m.vectors, m.similar(3, 5).scores, m.similar(3, 5).items, m.recommend([1, 2], 4).items],
  });
});

Deno.test("model contract: calibrators and a calibrated package", async () => {
  const model = gbdt({ objective: "binary" }, binaryLabels);
  const p = model.predict(train.matrix);
  const platt = fitCalibrator("platt", p, binaryLabels);
  const isotonic = fitCalibrator("isotonic", p, binaryLabels);
  const probe = Float64Array.from({ length: 50 }, (_, i) => i / 49);
  await modelContract({
    name: "platt",
    model: platt,
    predictions: (m) => m.predict(probe),
    corruptions: [{ path: ["a"], names: "a" }],
  });
  await modelContract({
    name: "isotonic",
    model: isotonic,
    predictions: (m) => m.predict(probe),
    corruptions: [{ path: ["values", 0], names: "thresholds" }],
  });
  const pkg = new PackagedModel({
    model,
    calibrator: isotonic,
    lineage: { dataHash: "sha256:00", params: { nEstimators: 4 }, simulator: { name: "none", seed: 1 } },
  });
  await modelContract({
    ...scorer("package (gbdt + isotonic)", pkg, treeCorruptions(model, ["model"])),
    corruptions: [
      ...treeCorruptions(model, ["model"]),
      { path: ["calibrator", "thresholds", 0], names: "thresholds" },
      { path: ["lineage"], values: ["abc", [1]], names: "lineage" },
    ],
  });
  // The package's calibrated predictions are the calibrator applied to the model's.
  assert.deepEqual(pkg.predict(test), isotonic.predict(model.predict(test)));
  const wd = plantedCrossData(80, 2);
  const neural = new PackagedModel({
    model: await fitWideDeep(wd, { params: { hiddenUnits: [2], maxEpochs: 1 }, seed: 1, backend: "cpu" }),
    calibrator: platt,
  });
  await modelContract({
    name: "package (wide & deep + platt)",
    model: neural,
    matrix: wd.matrix,
    predictions: (m) => m.predict(wd.matrix),
  });
});

Deno.test("model contract: every kind is covered, and saveModel refuses what is not a model", async () => {
  assert.deepEqual(
    [...MODEL_KINDS].sort(),
    [
      "gbdt",
      "isotonic",
      "item2vec",
      "logistic",
      "package",
      "platt",
      "poisson",
      "ridge",
      "two_tower",
      "wide_deep",
    ],
  );
  const dir = await Deno.makeTempDir();
  await assert.rejects(saveModel({ kind: "mystery" } as unknown as Model, `${dir}/m`), /no known kind/);
  // A GBDT file whose leaf is "abc" (the example) no longer loads and predicts NaN.
  const model = gbdt({ objective: "binary" }, binaryLabels);
  await saveModel(model, `${dir}/g`);
  const { readBundle, writeBundle } = await import("../io/bundle.ts");
  const b = await readBundle(`${dir}/g`);
  const trees = structuredClone(b.config.trees) as { value: unknown[] }[];
  trees[0]!.value[trees[0]!.value.length - 1] = "abc";
  await writeBundle(`${dir}/g`, { ...b.config, trees }, b.files);
  await assert.rejects(loadModel(`${dir}/g`), ModelFormatError);
  await Deno.remove(dir, { recursive: true });
});
