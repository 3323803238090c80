import assert from "node:assert/strict";
import { newHistogram } from "./histogram.ts";
import {
  findBestSplit,
  leafGain,
  leafOutput,
  type SplitConfig,
  type SplitFeatures,
  SplitInfo,
  thresholdL1,
} from "./split.ts";

const CFG: SplitConfig = {
  lambdaL2: 1,
  alphaL1: 0,
  minDataInLeaf: 1,
  minSumHessian: 0,
  minSplitGain: 0,
  maxCatThreshold: 32,
  catSmooth: 0,
  maxCatToOnehot: 0,
};

/** One feature; `cells` = value bins then the missing bin, each [g, h, count]. */
function one(cells: number[][], opts: { categorical?: boolean; monotone?: number } = {}) {
  const hist = newHistogram(cells.length);
  let G = 0, H = 0, C = 0;
  cells.forEach(([g, h, c], b) => {
    hist.gh.set([g!, h!], 2 * b);
    hist.count[b] = c!;
    G += g!;
    H += h!;
    C += c!;
  });
  const feats: SplitFeatures = {
    binOffset: Int32Array.of(0, cells.length),
    nValueBins: Int32Array.of(cells.length - 1),
    categorical: Uint8Array.of(opts.categorical ? 1 : 0),
    trivial: Uint8Array.of(0),
    monotone: Int8Array.of(opts.monotone ?? 0),
  };
  return { hist, feats, G, H, C };
}

function best(
  cells: number[][],
  cfg: SplitConfig = CFG,
  opts: { categorical?: boolean; monotone?: number } = {},
) {
  const { hist, feats, G, H, C } = one(cells, opts);
  const out = new SplitInfo();
  findBestSplit(hist, feats, Uint8Array.of(1), G, H, C, -Infinity, Infinity, cfg, out);
  return out;
}

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

Deno.test("L1 threshold and leaf output (LightGBM formulas)", () => {
  assert.equal(thresholdL1(5, 2), 3);
  assert.equal(thresholdL1(-5, 2), -3);
  assert.equal(thresholdL1(1, 2), 0);
  close(leafOutput(-5, 4, 1, 0, -Infinity, Infinity), 1); // −(−5)/(4+1)
  assert.equal(leafOutput(-5, 4, 1, 0, -Infinity, 0.5), 0.5); // clamped
});

Deno.test("a leaf without curvature (H + λ ≤ 0) has output 0 and gain 0, not ±∞ or NaN", () => {
  for (const g of [0, -3, 2]) {
    assert.equal(leafOutput(g, 0, 0, 0, -Infinity, Infinity), 0);
    assert.equal(leafGain(g, 0, 0, 0), 0);
  }
  assert.equal(leafOutput(-3, 0, 0, 0, 0.5, 1), 0.5); // still clamped to the bounds
  close(leafGain(-3, 0, 2, 0), 4.5); // λ alone gives curvature: 9 / 2
});

// Bins (g, h, n): (−4, 2, 2) (−1, 2, 2) (6, 2, 2), no missing; λ = 1. Parent gain 1²/7.
// bin ≤ 0: 16/3 + 25/5 − 1/7 = 10.190…; bin ≤ 1: 25/5 + 36/3 − 1/7 = 16.857… (best).
const TINY = [[-4, 2, 2], [-1, 2, 2], [6, 2, 2], [0, 0, 0]];

Deno.test("numeric split gain and outputs equal the hand computation", () => {
  const s = best(TINY);
  assert.equal(s.feature, 0);
  assert.equal(s.bin, 1);
  close(s.gain, 5 + 12 - 1 / 7);
  close(s.leftOutput, 1);
  close(s.rightOutput, -2);
  assert.deepEqual([s.leftG, s.leftH, s.leftC, s.rightG, s.rightH, s.rightC], [-5, 4, 4, 6, 2, 2]);
  assert.equal(s.defaultLeft, true); // no missing rows: missing follows the larger child
});

Deno.test("L1 regularisation: gain uses soft-thresholded sums", () => {
  const s = best(TINY, { ...CFG, alphaL1: 1 });
  assert.equal(s.bin, 1);
  close(s.gain, 16 / 5 + 25 / 3 - 0);
  close(s.leftOutput, 0.8);
  close(s.rightOutput, -5 / 3);
});

Deno.test("minDataInLeaf, minSumHessian and minSplitGain reject splits", () => {
  assert.equal(best(TINY, { ...CFG, minDataInLeaf: 3 }).gain, -Infinity); // every split leaves a child with 2 rows
  assert.equal(best(TINY, { ...CFG, minSumHessian: 2.5 }).gain, -Infinity);
  assert.equal(best(TINY, { ...CFG, minSplitGain: 17 }).gain, -Infinity);
  assert.equal(best(TINY, { ...CFG, minSplitGain: 16 }).bin, 1);
});

Deno.test("missing values: both sides are tried and the better one is learnt", () => {
  // λ = 0. Values (−4,2,2) (4,2,2), missing (−4,2,2): missing left with bin 0 gives 16 + 8 − 16/6.
  const s = best([[-4, 2, 2], [4, 2, 2], [-4, 2, 2]], { ...CFG, lambdaL2: 0 });
  assert.equal(s.defaultLeft, true);
  assert.equal(s.bin, 0);
  close(s.gain, 16 + 8 - 16 / 6);
  // Missing looks like the high bin → it goes right.
  const t = best([[-4, 2, 2], [4, 2, 2], [4, 2, 2]], { ...CFG, lambdaL2: 0 });
  assert.equal(t.defaultLeft, false);
  assert.equal(t.bin, 0);
});

Deno.test("monotone constraint rejects splits in the wrong direction", () => {
  assert.equal(best(TINY, CFG, { monotone: 1 }).gain, -Infinity); // every split has left > right
  const dec = best(TINY, CFG, { monotone: -1 });
  assert.equal(dec.bin, 1);
  close(dec.gain, 5 + 12 - 1 / 7);
});

Deno.test("bounded leaves: gain uses clamped outputs", () => {
  const { hist, feats, G, H, C } = one(TINY);
  const out = new SplitInfo();
  findBestSplit(hist, feats, Uint8Array.of(1), G, H, C, -0.5, 0.5, CFG, out);
  // bin ≤ 1 with w = (0.5, −0.5): −(2·(−5)·0.5 + 5·0.25) − (2·6·(−0.5) + 3·0.25) = 3.75 + 5.25 = 9, minus 1/7.
  assert.equal(out.bin, 1);
  close(out.gain, 9 - 1 / 7);
  assert.equal(out.leftOutput, 0.5);
  assert.equal(out.rightOutput, -0.5);
});

Deno.test("categorical split equals the brute-force best category subset", () => {
  // Categories 0..4 with (g, h=1, n=1); λ = 0; missing bin empty.
  const gs = [3, -2, 2, -3, 0];
  const cells = [...gs.map((g) => [g, 1, 1]), [0, 0, 0]];
  const s = best(cells, { ...CFG, lambdaL2: 0 }, { categorical: true });
  let bruteBest = -Infinity;
  for (let mask = 1; mask < 31; mask++) {
    let lg = 0, lh = 0;
    gs.forEach((g, c) => {
      if (mask & (1 << c)) {
        lg += g;
        lh += 1;
      }
    });
    const gain = (lg * lg) / lh + (lg * lg) / (5 - lh); // G = 0
    bruteBest = Math.max(bruteBest, gain);
  }
  assert.equal(s.categorical, true);
  close(s.gain, bruteBest);
  assert.deepEqual(s.catBins, [1, 3]); // the two most negative-gradient categories
  assert.equal(s.defaultLeft, false);
});

Deno.test("categorical one-vs-rest when few categories", () => {
  const cells = [[1, 1, 5], [-6, 1, 5], [1, 1, 5], [0, 0, 0]];
  const s = best(cells, { ...CFG, lambdaL2: 0, maxCatToOnehot: 4 }, { categorical: true });
  assert.deepEqual(s.catBins, [1]);
});

Deno.test("trivial and masked-out features are never split", () => {
  const { hist, feats, G, H, C } = one(TINY);
  const out = new SplitInfo();
  findBestSplit(hist, feats, Uint8Array.of(0), G, H, C, -Infinity, Infinity, CFG, out);
  assert.equal(out.gain, -Infinity);
  findBestSplit(
    hist,
    { ...feats, trivial: Uint8Array.of(1) },
    Uint8Array.of(1),
    G,
    H,
    C,
    -Infinity,
    Infinity,
    CFG,
    out,
  );
  assert.equal(out.gain, -Infinity);
});

// Bins (g, h, n): (−4, 2, 2) then four bins empty in this leaf, then (6, 2, 2); no missing rows.
// Upper edges of the value bins: 1, 2, 3, 4, 9 (the last value bin has none).
const GAP = [[-4, 2, 2], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [6, 2, 2], [0, 0, 0]];
const GAP_EDGES = Float64Array.of(1, 2, 3, 4, 9, 0, 0);

function placed(placement: "left" | "middle" | "right", edges?: Float64Array) {
  const { hist, feats, G, H, C } = one(GAP);
  const out = new SplitInfo();
  findBestSplit(
    hist,
    edges ? { ...feats, upperEdges: edges } : feats,
    Uint8Array.of(1),
    G,
    H,
    C,
    -Infinity,
    Infinity,
    { ...CFG, thresholdPlacement: placement },
    out,
  );
  return out;
}

Deno.test("threshold placement: left, right and middle of the bins empty in the leaf", () => {
  const left = placed("left", GAP_EDGES), right = placed("right", GAP_EDGES);
  assert.equal(left.bin, 0); // just above the left child's values
  assert.equal(right.bin, 4); // just below the right child's values (bin 5)
  // Middle by value: admissible edges are 1, 2, 3, 4, 9 (bins 0..4), target (1 + 9) / 2 = 5 → edge 4.
  assert.equal(placed("middle", GAP_EDGES).bin, 3);
  // Target 5 again; edges 1, 1.1, 1.2, 1.3, 9 are 4, 3.9, 3.8, 3.7, 4 away → bin 3, not the index middle 2.
  assert.equal(placed("middle", Float64Array.of(1, 1.1, 1.2, 1.3, 9, 0, 0)).bin, 3);
  assert.equal(placed("middle").bin, 2); // without edges: the middle bin index of 0..4
  // The partition, gain and sums are those of the "left" split in every case.
  for (const s of [right, placed("middle", GAP_EDGES)]) {
    assert.equal(s.gain, left.gain);
    assert.deepEqual([s.leftG, s.leftH, s.leftC, s.rightG, s.rightH, s.rightC], [
      left.leftG,
      left.leftH,
      left.leftC,
      left.rightG,
      left.rightH,
      left.rightC,
    ]);
    assert.equal(s.defaultLeft, left.defaultLeft);
  }
});

Deno.test("threshold placement: nothing moves without an occupied value bin above, or with missing left", () => {
  // Right side is missing values only: the bin stays where the scan put it.
  const onlyMissingRight = [[-4, 2, 2], [0, 0, 0], [6, 2, 2]];
  for (const p of ["left", "middle", "right"] as const) {
    const { hist, feats, G, H, C } = one(onlyMissingRight);
    const out = new SplitInfo();
    findBestSplit(hist, feats, Uint8Array.of(1), G, H, C, -Infinity, Infinity, {
      ...CFG,
      thresholdPlacement: p,
    }, out);
    assert.equal(out.bin, 0, p);
  }
  // Missing rows on the left (learnt default direction): the value gap still moves, missing stays left.
  const missingLeft = [[-4, 2, 2], [0, 0, 0], [0, 0, 0], [6, 2, 2], [-5, 2, 2]];
  const { hist, feats, G, H, C } = one(missingLeft);
  const out = new SplitInfo();
  findBestSplit(hist, feats, Uint8Array.of(1), G, H, C, -Infinity, Infinity, {
    ...CFG,
    thresholdPlacement: "right",
  }, out);
  assert.equal(out.defaultLeft, true);
  assert.equal(out.bin, 2);
  assert.deepEqual([out.leftC, out.rightC], [4, 2]);
});

Deno.test('minDataInLeafBy "hessian": a child\'s rows are estimated from its share of the hessian', () => {
  // 4 rows, hessian sum 2 → 2 rows per unit of hessian. Left child: 2 rows but hessian 0.2 → estimate 0.
  const cells = [[-4, 0.2, 2], [6, 1.8, 2], [0, 0, 0]];
  const cfg = { ...CFG, minDataInLeaf: 1 };
  assert.equal(best(cells, cfg).feature, 0); // exact rows: 2 and 2 ≥ 1
  assert.equal(best(cells, { ...cfg, minDataInLeafBy: "hessian" }).gain, -Infinity); // estimate 0 < 1
  // Left hessian 0.3 → round(0.6) = 1 ≥ 1: allowed again; the recorded counts stay the exact ones.
  const s = best([[-4, 0.3, 2], [6, 1.7, 2], [0, 0, 0]], { ...cfg, minDataInLeafBy: "hessian" });
  assert.equal(s.feature, 0);
  assert.deepEqual([s.leftC, s.rightC], [2, 2]);
});
