import assert from "node:assert/strict";
import { loadItem2Vec, saveItem2Vec } from "./persist.ts";
import { fitItem2Vec } from "./fit.ts";
import { Item2VecModel } from "./model.ts";
import { ModelFormatError, NotFoundError } from "../../errors.ts";

const model = fitItem2Vec([[1, 2, 3], [2, 3, 4], [10, 11], [11, 12, 10]], {
  params: { dim: 6, epochs: 3 },
  seed: 2,
});

Deno.test("saveItem2Vec/loadItem2Vec: round trip gives identical vectors and neighbours", async () => {
  const dir = await Deno.makeTempDir();
  await saveItem2Vec(model, dir);
  const back = await loadItem2Vec(dir);
  assert.deepEqual(back.vectors, model.vectors);
  assert.deepEqual(back.itemIds, model.itemIds);
  assert.deepEqual(back.similar(2, 3), model.similar(2, 3));
  const bytes = await Deno.readFile(`${dir}/vectors.bin`);
  bytes[3]! ^= 1;
  await Deno.writeFile(`${dir}/vectors.bin`, bytes);
  await assert.rejects(() => loadItem2Vec(dir), ModelFormatError);
  await assert.rejects(() => loadItem2Vec(`${dir}/nope`), NotFoundError);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("Item2VecModel.toJSON/fromJSON: round trip; wrong kind or shape is ModelFormatError", () => {
  const back = Item2VecModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
  assert.deepEqual(back.vectors, model.vectors);
  assert.throws(() => Item2VecModel.fromJSON({ kind: "wide_deep" }), ModelFormatError);
  const bad = model.toJSON();
  bad.vectors.pop();
  assert.throws(() => Item2VecModel.fromJSON(bad), /vectors must be/);
});
