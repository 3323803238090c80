import assert from "node:assert/strict";
import { InputError, ModelFormatError } from "../../errors.ts";
import { Rng } from "../../random/mod.ts";
import { fitGbdt } from "./booster.ts";
import { GBDT_FORMAT_VERSION, GbdtModel } from "./model.ts";
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
    JSON.parse(JSON.stringify(fitGbdt(data(1), { params: { nEstimators: 2 } }).toJSON())),
  );
  assert.equal(current.params.thresholdPlacement, "right");
});

Deno.test("another formatVersion or a malformed file → ModelFormatError", () => {
  const model = fitGbdt(data(1), { params: { nEstimators: 2 } });
  const json = model.toJSON();
  assert.throws(
    () => GbdtModel.fromJSON({ ...json, formatVersion: 2 }),
    (e: unknown) => e instanceof ModelFormatError && /formatVersion 2/.test((e as Error).message),
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
  const model = fitGbdt(train, { params: { nEstimators: 2 } });
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
