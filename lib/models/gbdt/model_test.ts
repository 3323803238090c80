import assert from "node:assert/strict";
import { InputError, ModelFormatError } from "../../errors.ts";
import { Rng } from "../../random/mod.ts";
import { fitGbdt } from "./booster.ts";
import { applyLink, LINKS } from "../tree/mod.ts";
import { GBDT_FORMAT_VERSION, GbdtModel, OBJECTIVE_LINKS } from "./model.ts";
import { createObjective } from "./objectives/mod.ts";
import type { ObjectiveName } from "./objective.ts";
import { matrixOf } from "./_test_data.ts";

function data(seed: number) {
  const rng = new Rng(seed);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < 400; i++) {
    const c = rng.int(6);
    const x = [rng.uniform(-5, 5), rng.float() < 0.2 ? NaN : rng.uniform(0, 1), c];
    rows.push(x);
    labels.push(x[0]! > 0 !== (c === 1 || c === 4) ? 1 : 0);
  }
  const base = matrixOf(rows, ["price", "score", "segment"]);
  return {
    matrix: { ...base, categorical: [{ feature: 2, categories: ["a", "b", "c", "d", "e", "f"] }] },
    labels,
  };
}

Deno.test("save/load round trip gives bit-identical predictions", () => {
  const train = data(1);
  const model = fitGbdt(train, {
    params: { objective: "binary", nEstimators: 20, learningRate: 0.3 },
    valid: data(2),
    seed: 4,
  });
  const json = model.toJSON();
  assert.equal(json.formatVersion, GBDT_FORMAT_VERSION);
  assert.equal(json.trees.length, 20);
  assert.ok(json.trees.some((t) => t.catBits.length > 0), "expected a categorical split");
  const loaded = GbdtModel.fromJSON(JSON.parse(JSON.stringify(json)));
  const test = data(3).matrix;
  assert.deepEqual(loaded.predict(test), model.predict(test));
  assert.deepEqual(loaded.predictRaw(test), model.predictRaw(test));
  assert.deepEqual(loaded.toJSON(), json);
  assert.deepEqual(loaded.featureImportance("gain"), model.featureImportance("gain"));
  assert.deepEqual(loaded.metrics, model.metrics);
});

Deno.test("a file written before thresholdPlacement / minDataInLeafBy existed loads with the behaviour it was trained with", () => {
  const model = fitGbdt(data(1), {
    params: { objective: "binary", nEstimators: 3, thresholdPlacement: "left" },
  });
  const json = JSON.parse(JSON.stringify(model.toJSON()));
  delete json.params.thresholdPlacement;
  delete json.params.minDataInLeafBy;
  const loaded = GbdtModel.fromJSON(json);
  assert.equal(loaded.params.thresholdPlacement, "left");
  assert.equal(loaded.params.minDataInLeafBy, "rows");
  // Retraining from the loaded params reproduces the model.
  const again = fitGbdt(data(1), { params: loaded.params });
  assert.deepEqual(again.predictRaw(data(3).matrix), model.predictRaw(data(3).matrix));
  // A file that names them keeps its own values (today's default is "right").
  const current = GbdtModel.fromJSON(
    JSON.parse(
      JSON.stringify(fitGbdt(data(1), { params: { objective: "regression", nEstimators: 2 } }).toJSON()),
    ),
  );
  assert.equal(current.params.thresholdPlacement, "right");
});

Deno.test("another formatVersion or a malformed file → ModelFormatError", () => {
  const model = fitGbdt(data(1), { params: { objective: "regression", nEstimators: 2 } });
  const json = model.toJSON();
  assert.throws(
    () => GbdtModel.fromJSON({ ...json, formatVersion: 3 }),
    (e: unknown) => e instanceof ModelFormatError && /formatVersion 3/.test((e as Error).message),
  );
  assert.throws(() => GbdtModel.fromJSON({ ...json, kind: "linear" as "gbdt" }), ModelFormatError);
  const broken = structuredClone(json);
  broken.trees[0]!.left[0] = 0; // a cycle
  assert.throws(() => GbdtModel.fromJSON(broken), ModelFormatError);
  const short = structuredClone(json);
  short.trees[0]!.value.pop();
  assert.throws(() => GbdtModel.fromJSON(short), ModelFormatError);
});

Deno.test("predicting with different feature names or column count → InputError naming the mismatch", () => {
  const train = data(1);
  const model = fitGbdt(train, { params: { objective: "regression", nEstimators: 2 } });
  const renamed = { ...train.matrix, featureNames: ["price", "rating", "segment"] };
  assert.throws(
    () => model.predict(renamed),
    (e: unknown) =>
      e instanceof InputError && e.field === "featureNames" && /"rating".*"score"/.test(e.message),
  );
  assert.throws(
    () => model.predict(matrixOf([[1, 2]], ["price", "score"])),
    (e: unknown) => e instanceof InputError && /2 columns.*3/.test(e.message),
  );
});

/** `m` with the "segment" column re-coded into another table's dictionary `order` (strings of codes). */
function withDictionary(m: ReturnType<typeof data>["matrix"], order: string[]) {
  const train = m.categorical[0]!.categories;
  const values = Float32Array.from(m.values);
  for (let i = 0; i < m.nRows; i++) {
    const v = values[i * 3 + 2]!;
    if (v === v) values[i * 3 + 2] = order.indexOf(train[v]!);
  }
  return { ...m, values, categorical: [{ feature: 2, categories: order }] };
}

Deno.test("categories: codes are matched by string across tables; unseen categories go where missing values go", () => {
  const train = data(1);
  const model = fitGbdt(train, {
    params: { objective: "binary", nEstimators: 15, learningRate: 0.3 },
    seed: 2,
  });
  assert.ok(model.ensemble.trees.some((t) => t.catBits.length > 0), "expected a categorical split");
  const test = data(3).matrix;
  const expected = model.predict(test);
  // another table's dictionary: a permutation of the training strings plus two never seen
  const shuffled = withDictionary(test, ["zz", "f", "d", "b", "new", "a", "c", "e"]);
  assert.deepEqual(model.predict(shuffled), expected);
  // saved and loaded, the model still knows its strings
  const loaded = GbdtModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
  assert.deepEqual(loaded.predict(shuffled), expected);
  assert.deepEqual(model.toJSON().categories, [{ feature: 2, categories: ["a", "b", "c", "d", "e", "f"] }]);
  // an unseen string, a code beyond the training categories and a missing value predict alike
  const rows = [[1.5, 0.3, 0], [1.5, 0.3, 0], [1.5, 0.3, 99], [1.5, 0.3, NaN]];
  const m = { ...matrixOf(rows, ["price", "score", "segment"]) };
  const p = model.predictRaw({ ...m, categorical: [{ feature: 2, categories: ["unseen", "b"] }] });
  const raw = model.predictRaw(m);
  assert.equal(p[0], raw[3]); // "unseen" → the missing path
  assert.equal(raw[2], raw[3]); // code 99 (never seen) → the missing path
  assert.notEqual(raw[1], raw[3]); // code 0 ("a") is a known category with its own path here
  // codes that are not non-negative integers are an InputError, as at fit time
  assert.throws(
    () => model.predict(matrixOf([[0, 0, 2.5]], ["price", "score", "segment"])),
    (e: unknown) =>
      e instanceof InputError && /categorical column 2 \("segment"\) has 2.5/.test((e as Error).message),
  );
});

Deno.test("categories: a validation table with its own dictionary is binned in training codes", () => {
  const params = { objective: "binary" as const, nEstimators: 8, learningRate: 0.3 };
  const valid = data(2);
  const a = fitGbdt(data(1), { params, valid, seed: 1 });
  const b = fitGbdt(data(1), {
    params,
    valid: { ...valid, matrix: withDictionary(valid.matrix, ["f", "e", "d", "c", "b", "a"]) },
    seed: 1,
  });
  assert.deepEqual(b.metrics.validHistory, a.metrics.validHistory);
});

Deno.test("each objective's transform is its link, bit for bit (prediction builds no objective)", () => {
  const rng = new Rng(9);
  const raw = Float64Array.from(
    { length: 600 },
    (_, i) => i < 6 ? [0, -800, 800, 1e-300, -0, 40][i]! : rng.uniform(-30, 30),
  );
  for (const name of Object.keys(OBJECTIVE_LINKS) as ObjectiveName[]) {
    const objective = createObjective(name, { numClass: 3 });
    const link = OBJECTIVE_LINKS[name];
    assert.ok(LINKS.includes(link));
    assert.deepEqual(applyLink(link, raw, objective.nOutputs), objective.transform(raw), name);
  }
});

Deno.test("a version 1 file (no link) loads with its objective's link and predicts as before", () => {
  for (const objective of ["binary", "regression", "poisson"] as const) {
    const train = data(1);
    const labels = objective === "poisson" ? train.labels.map((y, i) => y + (i % 3)) : train.labels;
    const model = fitGbdt({ ...train, labels }, { params: { objective, nEstimators: 4 } });
    const v1 = JSON.parse(JSON.stringify(model.toJSON()));
    v1.formatVersion = 1;
    delete v1.link;
    const loaded = GbdtModel.fromJSON(v1);
    assert.equal(loaded.link, OBJECTIVE_LINKS[objective]);
    assert.deepEqual(loaded.predict(data(3).matrix), model.predict(data(3).matrix));
  }
});

Deno.test("a leaf value or threshold that is not a finite number → ModelFormatError naming its path", () => {
  const model = fitGbdt(data(1), { params: { objective: "regression", nEstimators: 3 } });
  const json = model.toJSON();
  const leaf = json.trees[1]!.feature.indexOf(-1);
  const split = json.trees[2]!.feature.findIndex((f) => f >= 0);
  const cases: [string, (j: typeof json) => void, string][] = [
    ['leaf "abc"', (j) => ((j.trees[1]!.value as unknown[])[leaf] = "abc"), `trees[1].value[${leaf}]`],
    ["leaf null", (j) => ((j.trees[1]!.value as unknown[])[leaf] = null), `trees[1].value[${leaf}]`],
    ["threshold NaN", (j) => (j.trees[2]!.threshold[split] = NaN), `trees[2].threshold[${split}]`],
    ["threshold Infinity", (j) => (j.trees[2]!.threshold[split] = Infinity), `trees[2].threshold[${split}]`],
    ["baseScore null", (j) => ((j.baseScore as unknown[])[0] = null), "baseScore[0]"],
    ["cover string", (j) => ((j.trees[0]!.cover as unknown[])[0] = "1"), "trees[0].cover[0]"],
    ["feature index out of range", (j) => (j.trees[0]!.feature[0] = 7), "trees[0].feature[0]"],
    ["defaultLeft 2", (j) => (j.trees[0]!.defaultLeft[0] = 2), "trees[0].defaultLeft[0]"],
    ["treeClass out of range", (j) => (j.treeClass[0] = 1), "treeClass[0]"],
  ];
  for (const [what, corrupt, field] of cases) {
    const bad = JSON.parse(JSON.stringify(json));
    corrupt(bad);
    assert.throws(
      () => GbdtModel.fromJSON(bad),
      (e: unknown) => e instanceof ModelFormatError && e.field === field && e.message.includes(field),
      what,
    );
  }
});

Deno.test("loading for prediction does not parse the bin mapper; asking for it does", () => {
  const json = JSON.parse(
    JSON.stringify(fitGbdt(data(1), { params: { objective: "regression", nEstimators: 2 } }).toJSON()),
  );
  json.binMapper = { features: "broken" };
  const loaded = GbdtModel.fromJSON(json);
  assert.equal(loaded.predict(data(3).matrix).length, 400);
  assert.deepEqual(loaded.toJSON().binMapper, { features: "broken" });
  assert.throws(() => loaded.binMapper, ModelFormatError);
});
