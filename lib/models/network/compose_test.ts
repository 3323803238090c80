import assert from "node:assert/strict";
import { InputError } from "../../errors.ts";
import { prefixLayerList, scoringLayerList } from "./compose.ts";
import { evaluateLayerList } from "./layer_list_eval.ts";
import { validateLayerList } from "./layer_list.ts";
import { randomFeeds, randomLayerList } from "./_random_layer_list.ts";

Deno.test("prefixLayerList renames every tensor and computes the same outputs", () => {
  for (const seed of [1, 2, 3]) {
    const g = randomLayerList(seed), feeds = randomFeeds(g, 5, seed);
    const p = prefixLayerList(g, "x_");
    validateLayerList(p);
    assert.ok(
      p.inputs.every((i) => i.name.startsWith("x_")) && p.layers.every((l) => l.name.startsWith("x_")),
    );
    const renamed = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [`x_${k}`, v]));
    const a = evaluateLayerList(g, feeds, 5), b = evaluateLayerList(p, renamed, 5);
    for (const o of g.outputs) assert.deepEqual(b[`x_${o}`], a[o]);
  }
});

Deno.test("scoringLayerList: score is the row-wise dot product of the two towers' first outputs", () => {
  const user = randomLayerList(4), item = randomLayerList(4);
  const s = scoringLayerList(user, item);
  validateLayerList(s);
  assert.deepEqual(s.outputs.slice(0, 1), ["score"]);
  const fu = randomFeeds(user, 6, 7), fi = randomFeeds(item, 6, 8);
  const joint = {
    ...Object.fromEntries(Object.entries(fu).map(([k, v]) => [`user_${k}`, v])),
    ...Object.fromEntries(Object.entries(fi).map(([k, v]) => [`item_${k}`, v])),
  };
  const score = evaluateLayerList(s, joint, 6).score!;
  const u = evaluateLayerList(user, fu, 6)[user.outputs[0]!]!,
    v = evaluateLayerList(item, fi, 6)[item.outputs[0]!]!;
  const w = u.length / 6;
  for (let r = 0; r < 6; r++) {
    let dot = 0;
    for (let c = 0; c < w; c++) dot += u[r * w + c]! * v[r * w + c]!;
    assert.ok(Math.abs(score[r]! - dot) < 1e-9 * (1 + Math.abs(dot)), `row ${r}`);
  }
  assert.throws(() => scoringLayerList({ ...user, outputs: [] }, item), InputError);
});
