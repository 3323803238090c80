import assert from "node:assert/strict";
import fc from "fast-check";
import { ModelFormatError } from "../../errors.ts";
import type { FlatTree } from "./ensemble.ts";
import { ensembleFromJSON, ensembleToJSON, type TreeEnsembleJSON } from "./json.ts";

/** Root splits x0 ≤ 0.5 (node 1: categorical split of x1 on codes {1, 33}), leaves 2, 3, 4. */
function ensembleJSON(): TreeEnsembleJSON {
  return {
    nOutputs: 1,
    baseScore: [0.25],
    treeClass: [0],
    trees: [{
      feature: [0, 1, -1, -1, -1],
      threshold: [0.5, 0, 0, 0, 0],
      left: [1, 3, -1, -1, -1],
      right: [2, 4, -1, -1, -1],
      defaultLeft: [1, 0, 0, 0, 0],
      value: [0, 0, -1.5, 2.25, 1e-300],
      cover: [3, 2, 1, 1, 1],
      catOffset: [-1, 0, -1, -1, -1],
      catWords: [0, 2, 0, 0, 0],
      catBits: [2, 2],
    }],
  };
}

// JSON has no −0 (it reads back as 0); every other double round-trips exactly.
Deno.test("ensemble JSON round trip is exact, arbitrary doubles included", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x === 0 ? 0 : x), {
        minLength: 4,
        maxLength: 4,
      }),
      (v) => {
        const json = ensembleJSON();
        json.trees[0]!.value = [0, 0, v[0]!, v[1]!, v[2]!];
        json.trees[0]!.threshold[0] = v[3]!;
        const e = ensembleFromJSON(JSON.parse(JSON.stringify(json)), 2);
        assert.deepEqual(ensembleToJSON(e), json);
        const t: FlatTree = e.trees[0]!;
        assert.ok(Object.is(t.value[2], v[0]) && Object.is(t.threshold[0], v[3]));
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("malformed structure → ModelFormatError naming the path", () => {
  const cases: [string, (j: TreeEnsembleJSON) => void, string][] = [
    ["cycle", (j) => (j.trees[0]!.left[1] = 0), "trees[0].left[1]"],
    ["self loop", (j) => (j.trees[0]!.right[0] = 0), "trees[0].left[0]"],
    ["child out of range", (j) => (j.trees[0]!.right[1] = 9), "trees[0].right[1]"],
    ["bitset past the pool", (j) => (j.trees[0]!.catWords[1] = 3), "trees[0].catWords[1]"],
    ["catBits not uint32", (j) => (j.trees[0]!.catBits[0] = -1), "trees[0].catBits[0]"],
    ["short value array", (j) => j.trees[0]!.value.pop(), "trees[0].value"],
    ["missing cover", (j) => delete (j.trees[0] as Partial<FlatTreeLike>).cover, "trees[0].cover"],
    ["treeClass length", (j) => j.treeClass.push(0), "treeClass"],
    ["nOutputs", (j) => (j.nOutputs = 0), "nOutputs"],
    ["empty tree", (j) => (j.trees[0]!.feature = []), "trees[0].feature"],
    ["tree not an object", (j) => ((j.trees as unknown[])[0] = 3), "trees[0]"],
  ];
  for (const [what, corrupt, field] of cases) {
    const json = ensembleJSON();
    corrupt(json);
    assert.throws(
      () => ensembleFromJSON(json, 2),
      (e: unknown) => e instanceof ModelFormatError && e.field === field && e.message.includes(field),
      what,
    );
  }
});

type FlatTreeLike = TreeEnsembleJSON["trees"][number];
