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
