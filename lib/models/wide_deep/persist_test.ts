import assert from "node:assert/strict";
import { fnv1aHex, loadWideDeep, saveWideDeep } from "./persist.ts";
import { fitWideDeep } from "./fit.ts";
import { WideDeepModel } from "./model.ts";
import { plantedCrossData } from "./_planted.ts";
import { decodeModel } from "../../export/onnx/mod.ts";
import { ModelFormatError, NotFoundError } from "../../errors.ts";

const data = plantedCrossData(300, 3);
const model = await fitWideDeep(data, {
  params: { crosses: [["a", "b"]], hiddenUnits: [8, 4], maxEpochs: 2 },
  seed: 5,
});

Deno.test("saveWideDeep/loadWideDeep: round trip predicts bit-identically without retraining", async () => {
  const dir = await Deno.makeTempDir();
  await saveWideDeep(model, dir);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), [
    "config.json",
    "model.onnx",
    "weights.bin",
  ]);
  const back = await loadWideDeep(dir);
  assert.deepEqual(back.weights, model.weights);
  assert.deepEqual(back.predict(data.matrix), model.predict(data.matrix));
  assert.deepEqual(back.fitInfo, model.fitInfo);
  assert.equal(decodeModel(await Deno.readFile(`${dir}/model.onnx`)).graph!.name, "wide_deep");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadWideDeep: missing, corrupted or mismatched files are clear errors", async () => {
  const dir = await Deno.makeTempDir();
  await assert.rejects(() => loadWideDeep(dir), NotFoundError);
  await saveWideDeep(model, dir, { onnx: false });
  const bytes = await Deno.readFile(`${dir}/weights.bin`);
  bytes[7]! ^= 0x40;
  await Deno.writeFile(`${dir}/weights.bin`, bytes);
  await assert.rejects(
    () => loadWideDeep(dir),
    (e: unknown) => e instanceof ModelFormatError && /does not match config\.json/.test(e.message),
  );
  await saveWideDeep(model, dir, { onnx: false });
  const config = JSON.parse(await Deno.readTextFile(`${dir}/config.json`));
  await Deno.writeTextFile(`${dir}/config.json`, JSON.stringify({ ...config, formatVersion: 99 }));
  await assert.rejects(() => loadWideDeep(dir), /format version 99/);
  await Deno.writeTextFile(`${dir}/config.json`, "{ not json");
  await assert.rejects(() => loadWideDeep(dir), ModelFormatError);
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

Deno.test("fnv1aHex: reference values", () => {
  assert.equal(fnv1aHex(new Uint8Array()), "811c9dc5"); // FNV-1a offset basis
  assert.equal(fnv1aHex(new TextEncoder().encode("a")), "e40c292c"); // published FNV-1a 32 test vector
});
