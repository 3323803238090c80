import assert from "node:assert/strict";
import { InputError } from "../../errors.ts";
import { applyLink, isLink, LINKS } from "./link.ts";
import { TreeModel } from "./model.ts";

Deno.test("links: reference values, a new array each time, softmax row-wise", () => {
  const raw = Float64Array.of(0, Math.log(3), -800, 800);
  assert.deepEqual([...applyLink("identity", raw, 1)], [...raw]);
  assert.notEqual(applyLink("identity", raw, 1), raw);
  const s = applyLink("sigmoid", raw, 1);
  assert.equal(s[0], 0.5);
  assert.ok(Math.abs(s[1]! - 0.75) < 1e-15);
  assert.deepEqual([s[2], s[3]], [0, 1]);
  assert.deepEqual([...applyLink("exp", Float64Array.of(0, 1), 1)], [1, Math.E]);
  const p = applyLink("softmax", Float64Array.of(0, 0, Math.log(1), Math.log(3), 1000, 1000), 2);
  [0.5, 0.5, 0.25, 0.75, 0.5, 0.5].forEach((v, i) => assert.ok(Math.abs(p[i]! - v) < 1e-15, `p[${i}]`));
  assert.throws(() => applyLink("softmax", new Float64Array(3), 2), InputError);
  assert.ok(LINKS.every(isLink) && !isLink("logit") && !isLink(undefined));
});

Deno.test("TreeModel.predict is the link of predictRaw and checks the columns", () => {
  const stump = {
    feature: Int32Array.of(0, -1, -1),
    threshold: Float64Array.of(0.5, 0, 0),
    left: Int32Array.of(1, -1, -1),
    right: Int32Array.of(2, -1, -1),
    defaultLeft: Uint8Array.of(0, 0, 0),
    value: Float64Array.of(0, -1, 2),
    cover: Float64Array.of(2, 1, 1),
    catOffset: Int32Array.of(-1, -1, -1),
    catWords: new Int32Array(3),
    catBits: new Uint32Array(0),
  };
  const ensemble = {
    nFeatures: 1,
    nOutputs: 1,
    baseScore: Float64Array.of(0),
    trees: [stump],
    treeClass: Int32Array.of(0),
  };
  const m = { nRows: 3, nCols: 1, values: Float32Array.of(0, 1, NaN), featureNames: ["x"] };
  const model = new TreeModel({ ensemble, link: "exp", featureNames: ["x"] });
  assert.deepEqual([...model.predictRaw(m)], [-1, 2, 2]);
  assert.deepEqual([...model.predict(m)], [Math.exp(-1), Math.exp(2), Math.exp(2)]);
  assert.throws(() => model.predict({ ...m, featureNames: ["y"] }), InputError);
});
