import assert from "node:assert/strict";
import { ModelFormatError, NotFoundError } from "../../errors.ts";
import { plantedLog } from "./_toy.ts";
import { runLayerListOnnx, towerGraphToLayerList } from "../../export/onnx/mod.ts";
import { gatherBatch } from "./batch.ts";
import { fitTwoTower } from "./fit.ts";
import { loadTwoTower, saveTwoTower } from "./persist.ts";

Deno.test("save/load: identical embeddings, scores, recommendations and graph; saved ONNX towers match; tampering is detected", async () => {
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
    // The saved ONNX towers, run by onnxruntime on the model's own feeds, give the tfjs embeddings.
    for (const [side, f, nIds] of [["user", users, log.nUsers], ["item", items, log.nItems]] as const) {
      const rows = Int32Array.from({ length: 6 }, (_, j) => j * 3);
      const b = gatherBatch(f, rows, nIds);
      const feeds: Record<string, ArrayLike<number>> = { id: b.ids, numeric: b.numeric };
      f.categorical.forEach((c, k) => feeds[c.name] = b.cats[k]!);
      const g = towerGraphToLayerList(m.describe(side), `${side}_tower`);
      const got = (await runLayerListOnnx(await Deno.readFile(`${dir}/tt/${side}_tower.onnx`), g, feeds, 6))[
        g.outputs[0]!
      ]!;
      const d = m.embeddingDim, e = side === "user" ? m.userEmbeddings : m.itemEmbeddings;
      rows.forEach((r, j) => {
        for (let c = 0; c < d; c++) {
          assert.ok(Math.abs(got[j * d + c]! - e[r * d + c]!) < 1e-4, `${side} ${r}`);
        }
      });
    }
    await saveTwoTower(m, `${dir}/no_onnx`, { onnx: false });
    assert.deepEqual([...Deno.readDirSync(`${dir}/no_onnx`)].map((x) => x.name).sort(), [
      "config.json",
      "weights.bin",
    ]);
    // A config whose structure is broken (weights intact) is a ModelFormatError, not a TypeError.
    const cfg = JSON.parse(await Deno.readTextFile(`${dir}/tt/config.json`));
    await Deno.writeTextFile(`${dir}/tt/config.json`, JSON.stringify({ ...cfg, towers: {} }));
    await assert.rejects(() => loadTwoTower(`${dir}/tt`), ModelFormatError);
    await Deno.writeTextFile(`${dir}/tt/config.json`, JSON.stringify({ ...cfg, version: 2 }));
    await assert.rejects(() => loadTwoTower(`${dir}/tt`), ModelFormatError);
    await Deno.writeTextFile(`${dir}/tt/config.json`, JSON.stringify(cfg));
    assert.deepEqual((await loadTwoTower(`${dir}/tt`)).itemEmbeddings, m.itemEmbeddings);
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
