/**
 * Growth policies (`growPolicy`): depth-wise trees against a brute-force level-order grower written
 * here (no histograms, no subtraction: every candidate split's sums straight from the rows), the
 * leaf-wise grower against the same brute force run best-first, and the properties that tie the two
 * policies together.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { Rng } from "../../random/mod.ts";
import type { FlatTree } from "../tree/ensemble.ts";
import { fitGbdt } from "./booster.ts";
import { GbdtModel } from "./model.ts";
import type { GbdtParams } from "./params.ts";
import { matrixOf } from "./_test_data.ts";

interface ReferenceOptions {
  policy: "depthwise" | "lossguide";
  maxDepth: number; // -1 = none
  numLeaves: number; // 0 = none
  minDataInLeaf: number;
  lambda: number;
}

interface Pending {
  rows: number[];
  depth: number;
  order: number; // creation order (= node id order)
  split: { gain: number; left: number[]; right: number[] } | null;
}

/**
 * One L2 tree (learning rate 1) grown naively from the rows: gradients `fround(base − y)`, hessians 1,
 * split "x ≤ v" over every distinct value v of every feature, gain G_L²/(n_L+λ) + G_R²/(n_R+λ) −
 * G²/(n+λ) > 0, both sides ≥ minDataInLeaf rows. Depth-wise splits the pending nodes first in, first
 * out (level order); loss-guide the largest gain first. Returns each row's leaf value and depth.
 */
function referenceTree(x: number[][], y: number[], base: number, o: ReferenceOptions) {
  const g = y.map((v) => Math.fround(base - v));
  const sum = (rows: number[]) => rows.reduce((s, r) => s + g[r]!, 0);
  const score = (rows: number[]) => sum(rows) ** 2 / (rows.length + o.lambda);
  const bestSplit = (rows: number[], depth: number): Pending["split"] => {
    if (o.maxDepth >= 0 && depth >= o.maxDepth) return null;
    let best: Pending["split"] = null;
    const parent = score(rows);
    for (let f = 0; f < x[0]!.length; f++) {
      const values = [...new Set(rows.map((r) => x[r]![f]!))].sort((a, b) => a - b);
      for (const v of values.slice(0, -1)) {
        const left = rows.filter((r) => x[r]![f]! <= v), right = rows.filter((r) => x[r]![f]! > v);
        if (left.length < o.minDataInLeaf || right.length < o.minDataInLeaf) continue;
        const gain = score(left) + score(right) - parent;
        if (gain > 0 && (best === null || gain > best.gain)) best = { gain, left, right };
      }
    }
    return best;
  };
  const value = new Float64Array(y.length), depthOf = new Int32Array(y.length);
  let created = 0, leaves = 1;
  const open: Pending[] = [];
  const all = y.map((_, i) => i);
  open.push({ rows: all, depth: 0, order: created++, split: bestSplit(all, 0) });
  const done: Pending[] = [];
  while (o.numLeaves === 0 || leaves < o.numLeaves) {
    const candidates = open.filter((p) => p.split !== null);
    if (candidates.length === 0) break;
    const next = candidates.reduce((a, b) =>
      o.policy === "depthwise"
        ? (b.depth < a.depth || (b.depth === a.depth && b.order < a.order) ? b : a)
        : (b.split!.gain > a.split!.gain ? b : a)
    );
    open.splice(open.indexOf(next), 1);
    leaves++;
    for (const rows of [next.split!.left, next.split!.right]) {
      open.push({ rows, depth: next.depth + 1, order: created++, split: bestSplit(rows, next.depth + 1) });
    }
  }
  done.push(...open);
  for (const leaf of done) {
    const v = -sum(leaf.rows) / (leaf.rows.length + o.lambda);
    for (const r of leaf.rows) {
      value[r] = v;
      depthOf[r] = leaf.depth;
    }
  }
  return { value, depth: depthOf, leaves };
}

/** Depth of the leaf row `values[off..]` reaches in a flat tree (numeric splits, no missing values). */
function leafDepth(t: FlatTree, values: Float32Array, off: number): number {
  let n = 0, d = 0;
  while (t.feature[n]! >= 0) {
    n = values[off + t.feature[n]!]! <= t.threshold[n]! ? t.left[n]! : t.right[n]!;
    d++;
  }
  return d;
}

const leavesOf = (t: FlatTree) => t.feature.filter((f) => f < 0).length;

Deno.test("one tree of either policy equals the brute-force grower (leaf of every row, its value and depth)", () => {
  fc.assert(
    fc.property(
      fc.record({
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        n: fc.integer({ min: 2, max: 90 }),
        nF: fc.integer({ min: 1, max: 3 }),
        levels: fc.integer({ min: 2, max: 7 }),
        policy: fc.constantFrom("depthwise" as const, "lossguide" as const),
        maxDepth: fc.constantFrom(-1, 1, 2, 3, 4),
        numLeaves: fc.constantFrom(0, 2, 3, 5, 8, 13),
        minDataInLeaf: fc.integer({ min: 1, max: 6 }),
        lambda: fc.constantFrom(0, 1, 3.5),
      }).filter((a) =>
        (a.numLeaves > 0 || (a.policy === "depthwise" && a.maxDepth > 0)) &&
        (a.policy === "depthwise" || a.numLeaves > 0)
      ),
      (a) => {
        const rng = new Rng(a.seed);
        // few integer levels: every distinct value is its own bin, as in the brute force
        const x = Array.from({ length: a.n }, () => Array.from({ length: a.nF }, () => rng.int(a.levels)));
        const y = x.map((r) => r.reduce((s, v, j) => s + v * (j + 1), 0) + 3 * rng.float());
        const matrix = matrixOf(x);
        const params: Partial<GbdtParams> = {
          objective: "regression",
          growPolicy: a.policy,
          nEstimators: 1,
          learningRate: 1,
          numLeaves: a.numLeaves,
          maxDepth: a.maxDepth,
          minDataInLeaf: a.minDataInLeaf,
          minSumHessian: 0,
          lambdaL2: a.lambda,
          nThreads: 1,
        };
        const model = fitGbdt({ matrix, labels: y }, { params });
        const tree = model.ensemble.trees[0]!;
        const base = model.ensemble.baseScore[0]!;
        const ref = referenceTree(x, y, base, { ...a, policy: a.policy });
        const raw = model.predictRaw(matrix);
        assert.equal(leavesOf(tree), ref.leaves);
        for (let i = 0; i < a.n; i++) {
          const got = raw[i]! - base;
          assert.ok(Math.abs(got - ref.value[i]!) <= 1e-9 * (1 + Math.abs(ref.value[i]!)), `row ${i}`);
          assert.equal(leafDepth(tree, matrix.values, i * a.nF), ref.depth[i], `depth of row ${i}`);
        }
      },
    ),
    { numRuns: 300 },
  );
});

function randomProblem(n: number, seed: number) {
  const rng = new Rng(seed);
  const rows: number[][] = [], y: number[] = [], binary: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [
      rng.uniform(-2, 2),
      rng.float() < 0.1 ? NaN : rng.uniform(0, 1),
      rng.int(6),
      rng.uniform(-1, 1),
    ];
    rows.push(x);
    const z = Math.sin(2 * x[0]!) + (Number.isNaN(x[1]!) ? 0.4 : x[1]!) + [0, 0.5, -0.5, 1, 0, -1][x[2]!]! +
      x[0]! * x[3]!;
    y.push(z + 0.3 * rng.float());
    binary.push(rng.float() < 1 / (1 + Math.exp(-2 * z)) ? 1 : 0);
  }
  return {
    matrix: { ...matrixOf(rows), categorical: [{ feature: 2, categories: ["a", "b", "c", "d", "e", "f"] }] },
    y,
    binary,
  };
}

Deno.test("depthwise(maxDepth d) = lossguide(numLeaves 2^d, maxDepth d): the leaf limit never binds, so the policies agree", () => {
  // With 2^d leaves allowed a depth-d tree is never stopped by the limit, so both policies split every
  // splittable leaf above depth d; only the node order differs. Same predictions bit for bit, also with
  // bagging, column sampling, a categorical feature, missing values and several trees.
  const { matrix, y, binary } = randomProblem(1500, 7);
  for (const [objective, labels] of [["regression", y], ["binary", binary]] as const) {
    for (const d of [1, 3, 5]) {
      const common: Partial<GbdtParams> = {
        objective,
        nEstimators: 8,
        maxDepth: d,
        minDataInLeaf: 3,
        baggingFraction: 0.8,
        baggingFreq: 1,
        featureFraction: 0.75,
        nThreads: 1,
      };
      const lossguide = fitGbdt({ matrix, labels }, { params: { ...common, numLeaves: 2 ** d }, seed: 4 });
      const depthwise = fitGbdt({ matrix, labels }, {
        params: { ...common, growPolicy: "depthwise" },
        seed: 4,
      });
      assert.deepEqual(depthwise.predictRaw(matrix), lossguide.predictRaw(matrix), `${objective} depth ${d}`);
      for (const t of depthwise.ensemble.trees) {
        // depthwise: leaves at depth ≤ d, and node ids in level order (a node's depth never decreases with id)
        const depth = new Int32Array(t.feature.length);
        for (let n = 0; n < t.feature.length; n++) {
          if (t.feature[n]! >= 0) depth[t.left[n]!] = depth[t.right[n]!] = depth[n]! + 1;
          if (n > 0) assert.ok(depth[n]! >= depth[n - 1]!, `node ${n} is not in level order`);
          assert.ok(depth[n]! <= d);
        }
      }
    }
  }
  // d = 5 on 1,500 rows with minDataInLeaf 3 gives full trees: 32 leaves
  const full = fitGbdt({ matrix, labels: y }, {
    params: {
      objective: "regression",
      growPolicy: "depthwise",
      maxDepth: 5,
      nEstimators: 2,
      minDataInLeaf: 3,
    },
  });
  for (const t of full.ensemble.trees) assert.equal(leavesOf(t), 32);
});

Deno.test("under a leaf limit, lossguide grows where the gain is and depthwise fills the levels", () => {
  // y jumps at x = 8 and, much less, at 4 and 12: lossguide spends its 4 leaves around the big jump's
  // side; depthwise splits root, then both children (2 levels, 4 leaves).
  const rows: number[][] = [], y: number[] = [];
  for (let i = 0; i < 160; i++) {
    const x = i / 10;
    rows.push([x]);
    y.push((x > 8 ? 10 : 0) + (x > 12 ? 5 : 0) + (x > 4 ? 0.5 : 0) + (x > 14 ? 3 : 0));
  }
  const fit = (growPolicy: GbdtParams["growPolicy"]) =>
    fitGbdt({ matrix: matrixOf(rows), labels: y }, {
      params: {
        objective: "regression",
        growPolicy,
        nEstimators: 1,
        numLeaves: 4,
        minDataInLeaf: 1,
        learningRate: 1,
      },
    }).ensemble.trees[0]!;
  const depthOf = (t: FlatTree, n = 0): number =>
    t.feature[n]! < 0 ? 0 : 1 + Math.max(depthOf(t, t.left[n]!), depthOf(t, t.right[n]!));
  const dw = fit("depthwise"), lg = fit("lossguide");
  assert.equal(leavesOf(dw), 4);
  assert.equal(leavesOf(lg), 4);
  assert.equal(depthOf(dw), 2);
  assert.equal(depthOf(lg), 3); // root at 8, then x > 8 side at 12, then x > 12 side at 14
  assert.deepEqual([...dw.threshold.filter((_, n) => dw.feature[n]! >= 0)].map((v) => Math.round(v)), [
    8,
    4,
    12,
  ]);
});

Deno.test("growPolicy survives save/load; numLeaves 0 (no limit) is recorded; retraining from the loaded params gives the same model", () => {
  const { matrix, binary } = randomProblem(600, 9);
  const model = fitGbdt({ matrix, labels: binary }, {
    params: { objective: "binary", growPolicy: "depthwise", maxDepth: 4, nEstimators: 10 },
    seed: 2,
  });
  assert.equal(model.params.growPolicy, "depthwise");
  assert.equal(model.params.numLeaves, 0);
  const loaded = GbdtModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
  assert.equal(loaded.params.growPolicy, "depthwise");
  assert.equal(loaded.params.numLeaves, 0);
  assert.deepEqual(loaded.predict(matrix), model.predict(matrix));
  const again = fitGbdt({ matrix, labels: binary }, { params: loaded.params, seed: 2 });
  assert.deepEqual(again.predictRaw(matrix), model.predictRaw(matrix));
  // A file without growPolicy (written before it existed) was grown leaf-wise.
  const json = model.toJSON();
  const old = { ...json, params: { ...json.params } } as typeof json;
  delete (old.params as Partial<GbdtParams>).growPolicy;
  old.params.numLeaves = 31;
  assert.equal(GbdtModel.fromJSON(old).params.growPolicy, "lossguide");
});

Deno.test("depthwise equals XGBoost's depth-wise growth (hist, 3 trees of depth 3, without and with max_leaves = 5)", () => {
  // Margins from bench/reference/xgboost_depthwise_reference.py (XGBoost 1.7.4), embedded in the JSON.
  const ref = JSON.parse(Deno.readTextFileSync(new URL("./_xgboost_depthwise.json", import.meta.url))) as {
    x: number[][];
    y: number[];
    runs: { maxDepth: number; maxLeaves: number; trees: number; margin: number[] }[];
  };
  const matrix = matrixOf(ref.x);
  for (const run of ref.runs) {
    const params: Partial<GbdtParams> = {
      objective: "regression",
      maxDepth: run.maxDepth,
      nEstimators: run.trees,
      learningRate: 0.5,
      lambdaL2: 1,
      minDataInLeaf: 1,
      minSumHessian: 0,
    };
    const maxError = (growPolicy: GbdtParams["growPolicy"]) => {
      const numLeaves = run.maxLeaves > 0
        ? run.maxLeaves
        : growPolicy === "depthwise"
        ? 0
        : 2 ** run.maxDepth;
      const raw = fitGbdt({ matrix, labels: ref.y }, { params: { ...params, growPolicy, numLeaves } })
        .predictRaw(matrix);
      return Math.max(...raw.map((v, i) => Math.abs(v - run.margin[i]!)));
    };
    // float32 gradients in both libraries, margins rounded to 1e-6 in the file
    assert.ok(maxError("depthwise") < 1e-5, `max_leaves ${run.maxLeaves}: ${maxError("depthwise")}`);
    // with a binding leaf limit, leaf-wise growth is another model
    if (run.maxLeaves > 0) assert.ok(maxError("lossguide") > 0.01);
  }
});
