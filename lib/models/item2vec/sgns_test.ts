import assert from "node:assert/strict";
import { trainSgns, unigramTable } from "./sgns.ts";
import { resolveItem2VecParams } from "./params.ts";
import { Rng } from "../../random/mod.ts";

Deno.test("unigramTable: slot shares ∝ count^power (hand-computed)", () => {
  const share = (t: Int32Array, i: number) => t.filter((x) => x === i).length;
  const t1 = unigramTable([1, 3], 1, 100);
  assert.deepEqual([share(t1, 0), share(t1, 1)], [25, 75]);
  const t0 = unigramTable([1, 3], 0, 100);
  assert.deepEqual([share(t0, 0), share(t0, 1)], [50, 50]);
  const t75 = unigramTable([1, 16], 0.75, 1000); // 1 : 8
  assert.ok(Math.abs(share(t75, 0) - 1000 / 9) <= 1);
});

Deno.test("trainSgns: observed pairs score above never-seen pairs (σ(u·v))", () => {
  // Items 0–1 always together, 2–3 always together.
  const tokens = new Int32Array(400), offsets = new Int32Array(201);
  for (let s = 0; s < 200; s++) {
    tokens.set(s % 2 === 0 ? [0, 1] : [2, 3], 2 * s);
    offsets[s + 1] = 2 * (s + 1);
  }
  const p = resolveItem2VecParams({ dim: 4, epochs: 5, negatives: 2 });
  const { input, output, pairs } = trainSgns(
    { tokens, offsets },
    Float64Array.of(100, 100, 100, 100),
    p,
    new Rng(1),
  );
  assert.equal(pairs, 5 * 200 * 2); // basket context: each item of a 2-basket has one context
  const dot = (a: number, b: number) => {
    let s = 0;
    for (let k = 0; k < 4; k++) s += input[a * 4 + k]! * output[b * 4 + k]!;
    return s;
  };
  const pos = [dot(0, 1), dot(1, 0), dot(2, 3), dot(3, 2)],
    neg = [dot(0, 3), dot(2, 1), dot(1, 2), dot(3, 0)];
  assert.ok(Math.min(...pos) > 1, `positives ${pos}`);
  assert.ok(Math.max(...neg) < 0 && Math.min(...pos) - Math.max(...neg) > 2, `negatives ${neg}`);
});
