/**
 * A real-log path end to end: CSV with external ids → temporal split → fit → recommendations by external
 * id, with unknown users served the popularity list (cold start without features) — also after a
 * save/load round trip.
 */
import assert from "node:assert/strict";
import { InputError } from "../../errors.ts";
import { parseInteractionsCsv, temporalLeaveLastNOut, userItemSets } from "../../recsys/mod.ts";
import { plantedLog } from "./_toy.ts";
import { fitTwoTower } from "./fit.ts";
import { loadTwoTower, saveTwoTower } from "./persist.ts";

Deno.test("external ids: indexOf maps CSV ids (−1 unseen); recommendOrPopular serves unknown users popularity", async () => {
  const { log } = plantedLog(31);
  // Same log as a CSV with string ids and renamed columns, rows in log order.
  const lines = ["who,what,when"];
  for (let r = 0; r < log.user.length; r++) lines.push(`u${log.user[r]},i${log.item[r]},${log.timestamp[r]}`);
  const csv = parseInteractionsCsv(lines.join("\n"), {
    columns: { user: "who", item: "what", timestamp: "when", rating: null },
  });
  const split = temporalLeaveLastNOut(csv, { n: 1 });
  const m = await fitTwoTower({ train: split.train }, {
    seed: 3,
    params: { embeddingDim: 8, idDim: 8, hidden: [], batchSize: 32, epochs: 3 },
  });
  const u7 = csv.userIds!.indexOf("u7");
  assert.deepEqual(Array.from(m.indexOf("user", ["u7", "nobody", "u7"])), [u7, -1, u7]);
  assert.equal(m.indexOf("item", ["i0"])[0], csv.itemIds!.indexOf("i0"));
  const exclude = userItemSets(split.train);
  const r = m.recommendOrPopular(m.indexOf("user", ["u7", "nobody"]), 5, exclude);
  assert.deepEqual(r.sources, ["embedding", "popularity"]);
  assert.deepEqual(r.items[0], m.recommend([u7], 5, exclude)[0]);
  assert.deepEqual(r.items[1], (await m.recommendForNewUser(undefined, 5)).items);
  // Popularity = summed train rating per item, ties to the lower index (computed independently here).
  const counts = new Map<number, number>();
  for (const i of split.train.item) counts.set(i, (counts.get(i) ?? 0) + 1);
  const byCount = [...Array(csv.nItems).keys()].sort((a, b) =>
    (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a - b
  );
  assert.deepEqual(r.items[1], byCount.slice(0, 5));
  assert.throws(() => m.recommendOrPopular([csv.nUsers], 5), InputError);
  assert.throws(() => m.recommendOrPopular([-2], 5), InputError);

  const dir = await Deno.makeTempDir();
  try {
    await saveTwoTower(m, `${dir}/m`);
    const back = await loadTwoTower(`${dir}/m`);
    assert.deepEqual(back.indexOf("user", ["u7", "nobody"]), m.indexOf("user", ["u7", "nobody"]));
    assert.deepEqual(back.recommendOrPopular([u7, -1], 5, exclude), r);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  // A model trained on dense indices has no external ids to look up.
  const plain = await fitTwoTower({ train: log }, {
    seed: 1,
    params: { embeddingDim: 4, hidden: [], epochs: 1 },
  });
  assert.throws(
    () => plain.indexOf("user", ["u1"]),
    (e: unknown) => e instanceof InputError && e.field === "ids",
  );
});
