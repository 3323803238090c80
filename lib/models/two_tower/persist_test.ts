import assert from "node:assert/strict";
import { ModelFormatError, NotFoundError } from "../../errors.ts";
import { plantedLog } from "./_toy.ts";
import { readBundle, writeBundle } from "../../io/bundle.ts";
import { fitTwoTower } from "./fit.ts";
import { loadTwoTower, saveTwoTower } from "./persist.ts";
import { TwoTowerModel } from "./model.ts";

Deno.test("save/load: identical embeddings, scores, recommendations and graph; JSON form; tampering is detected", async () => {
  const { log, users, items } = plantedLog(10);
  const m = await fitTwoTower({ train: log, users, items }, {
    seed: 2,
    params: { embeddingDim: 8, idDim: 4, featureDim: 2, hidden: [8], batchSize: 16, epochs: 2 },
  });
  const dir = await Deno.makeTempDir();
  try {
    await saveTwoTower(m, `${dir}/tt`);
    const back = await loadTwoTower(`${dir}/tt`);
    assert.deepEqual(back.config, m.config);
    assert.deepEqual(back.userEmbeddings, m.userEmbeddings);
    assert.deepEqual(back.itemEmbeddings, m.itemEmbeddings);
    assert.deepEqual(back.itemPopularity, m.itemPopularity);
    const u = [0, 5, 17], i = [3, 3, 40];
    assert.deepEqual(back.scorePairs(u, i), m.scorePairs(u, i));
    assert.deepEqual(back.recommend([1, 2], 5), m.recommend([1, 2], 5));
    assert.deepEqual(back.describe("user"), m.describe("user"));
    assert.deepEqual(
      await back.embed("item", items, [-1, ...Array.from({ length: items.n - 1 }, (_, j) => j + 1)]),
      await m.embed("item", items, [-1, ...Array.from({ length: items.n - 1 }, (_, j) => j + 1)]),
    );
    assert.deepEqual([...Deno.readDirSync(`${dir}/tt`)].map((x) => x.name).sort(), [
      "config.json",
      "weights.bin",
    ]);
    // The JSON form round-trips too.
    const fromJson = TwoTowerModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    assert.deepEqual(fromJson.arrays(), m.arrays());
    assert.deepEqual(fromJson.recommend([1, 2], 5), m.recommend([1, 2], 5));
    const bad = m.toJSON();
    (bad.arrays["user/dense_0/w"] as unknown[])[3] = "abc";
    assert.throws(
      () => TwoTowerModel.fromJSON(bad),
      (e: unknown) => e instanceof ModelFormatError && e.field === "arrays.user/dense_0/w[3]",
    );
    // A config whose structure is broken (checksums intact) is a ModelFormatError, not a TypeError.
    const saved = await readBundle(`${dir}/tt`);
    await writeBundle(`${dir}/broken`, { ...saved.config, towers: {} }, saved.files);
    await assert.rejects(() => loadTwoTower(`${dir}/broken`), ModelFormatError);
    await writeBundle(`${dir}/broken`, { ...saved.config, formatVersion: 3 }, saved.files);
    await assert.rejects(() => loadTwoTower(`${dir}/broken`), /formatVersion 3 is newer/);
    // Flip one byte of the weights: the checksum catches it.
    const bytes = await Deno.readFile(`${dir}/tt/weights.bin`);
    bytes[100] = bytes[100]! ^ 1;
    await Deno.writeFile(`${dir}/tt/weights.bin`, bytes);
    await assert.rejects(() => loadTwoTower(`${dir}/tt`), ModelFormatError);
    await assert.rejects(() => loadTwoTower(`${dir}/nothing`), NotFoundError);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
