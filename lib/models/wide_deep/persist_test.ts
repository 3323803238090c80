import assert from "node:assert/strict";
import { loadWideDeep, saveWideDeep } from "./persist.ts";
import { readBundle, writeBundle } from "../../io/bundle.ts";
import { fitWideDeep } from "./fit.ts";
import { WideDeepModel } from "./model.ts";
import { plantedCrossData } from "./_planted.ts";
import { ModelFormatError, NotFoundError } from "../../errors.ts";

const data = plantedCrossData(300, 3);
const model = await fitWideDeep(data, {
  params: { crosses: [["a", "b"]], hiddenUnits: [8, 4], maxEpochs: 2 },
  seed: 5,
});

Deno.test("saveWideDeep/loadWideDeep: round trip predicts bit-identically without retraining; no ONNX side effect", async () => {
  const dir = await Deno.makeTempDir();
  await saveWideDeep(model, dir);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["config.json", "weights.bin"]);
  const back = await loadWideDeep(dir);
  assert.deepEqual(back.weights, model.weights);
  assert.deepEqual(back.predict(data.matrix), model.predict(data.matrix));
  assert.deepEqual(back.fitInfo, model.fitInfo);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadWideDeep: missing, corrupted or mismatched files are clear errors", async () => {
  const dir = await Deno.makeTempDir();
  await assert.rejects(() => loadWideDeep(dir), NotFoundError);
  await saveWideDeep(model, dir);
  const bytes = await Deno.readFile(`${dir}/weights.bin`);
  bytes[7]! ^= 0x40;
  await Deno.writeFile(`${dir}/weights.bin`, bytes);
  await assert.rejects(
    () => loadWideDeep(dir),
    (e: unknown) => e instanceof ModelFormatError && e.field === "weights.bin" && /SHA-256/.test(e.message),
  );
  // A bundle whose config (checksum intact) disagrees with the network shape names the tensor.
  await saveWideDeep(model, dir);
  const b = await readBundle(dir);
  const tensors = (b.config.tensors as { name: string; length: number }[]).map((t) =>
    t.name === "dense_2.bias" ? { ...t, length: t.length + 1 } : t
  );
  await writeBundle(dir, { ...b.config, tensors }, b.files);
  await assert.rejects(() => loadWideDeep(dir), /"dense_2.bias" has 2 values; expected 1/);
  // A NaN weight written with valid checksums is still refused.
  const w = model.weights;
  const poisoned = new WideDeepModel(model.params, model.encoder, {
    ...w,
    wide: Float32Array.from(w.wide, (v, i) => (i === 2 ? NaN : v)),
  }, model.fitInfo);
  await assert.rejects(() => saveWideDeep(poisoned, dir).then(() => loadWideDeep(dir)), /"wide"\[2\] is NaN/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("WideDeepModel.toJSON/fromJSON: round trip through JSON text; shape errors are ModelFormatError", () => {
  const back = WideDeepModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
  assert.deepEqual(back.predict(data.matrix), model.predict(data.matrix));
  const bad = model.toJSON();
  bad.weights.dense[0]!.kernel.pop();
  assert.throws(() => WideDeepModel.fromJSON(bad), /dense\[0\]/);
  assert.throws(() => WideDeepModel.fromJSON({ kind: "gbdt" }), ModelFormatError);
});
