/**
 * The split finder: the best split of one leaf from its histogram, with LightGBM's formulas.
 *
 * With `T(G) = sign(G)·max(0, |G| − α)` (L1 soft-threshold) and λ the L2 penalty:
 * - leaf output `w = −T(G) / (H + λ)`, clamped to the leaf's monotone bounds `[lo, hi]`;
 * - leaf gain `gain(G, H, w) = −(2·T(G)·w + (H + λ)·w²)` (= `T(G)² / (H + λ)` when unclamped);
 * - split gain = gain(left) + gain(right) − T(G_parent)² / (H_parent + λ); a split is kept when it is
 *   > `minSplitGain` and both children have ≥ `minDataInLeaf` rows and ≥ `minSumHessian` hessian.
 *
 * Numeric features scan the thresholds "bin ≤ b" with the missing bin on the right and, when the leaf
 * has missing rows, again with it on the left; the better side becomes the learnt default direction.
 * When the leaf has no missing rows, missing values (at prediction) follow the child with more rows.
 * Bins empty in the leaf between its two sides give the same partition; `thresholdPlacement` picks the
 * threshold among them (default "right", as LightGBM's reverse scan: just below the right child's
 * smallest value).
 *
 * Categorical features: categories seen in the leaf are ordered by `sum_grad / (sum_hess + catSmooth)`
 * and prefixes of that order (from both ends, at most `maxCatThreshold` categories) become the left
 * set; with ≤ `maxCatToOnehot` categories each one-vs-rest split is tried instead. Missing values and
 * unseen categories go right.
 *
 * Monotone constraints ("basic" method): a split on a constrained feature is rejected when its child
 * outputs are in the wrong order; the grower then narrows the children's bounds at their midpoint.
 * @module
 */
import type { Histogram } from "./histogram.ts";

/** The split-relevant parameters. */
export interface SplitConfig {
  readonly lambdaL2: number;
  readonly alphaL1: number;
  readonly minDataInLeaf: number;
  readonly minSumHessian: number;
  readonly minSplitGain: number;
  readonly maxCatThreshold: number;
  readonly catSmooth: number;
  readonly maxCatToOnehot: number;
  /** Threshold inside an empty gap (see GbdtParams.thresholdPlacement); "left" when absent. */
  readonly thresholdPlacement?: "left" | "middle" | "right";
  /** How `minDataInLeaf` counts a child's rows (see GbdtParams.minDataInLeafBy); "rows" when absent. */
  readonly minDataInLeafBy?: "rows" | "hessian";
}

/** Every {@link SplitConfig} field (the compiler checks the list is complete). */
const SPLIT_CONFIG_KEYS: Record<keyof SplitConfig, true> = {
  lambdaL2: true,
  alphaL1: true,
  minDataInLeaf: true,
  minSumHessian: true,
  minSplitGain: true,
  maxCatThreshold: true,
  catSmooth: true,
  maxCatToOnehot: true,
  thresholdPlacement: true,
  minDataInLeafBy: true,
};

/** Just the split config fields of `cfg` (a plain object, e.g. to post to a worker). */
export function splitConfigOf(cfg: SplitConfig): SplitConfig {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(SPLIT_CONFIG_KEYS)) out[k] = cfg[k as keyof SplitConfig];
  return out as unknown as SplitConfig;
}

/** Per-feature facts the split finder needs (from the bin mapper). */
export interface SplitFeatures {
  readonly binOffset: Int32Array;
  /** Value bins per feature (missing bin index). */
  readonly nValueBins: Int32Array;
  /** 1 for categorical features. */
  readonly categorical: Uint8Array;
  /** 1 for features never to split on (constant / all-missing). */
  readonly trivial: Uint8Array;
  /** Per-feature monotone constraint -1/0/1 (all zeros when none). */
  readonly monotone: Int8Array;
  /**
   * Numeric upper bin edges by histogram bin (`upperEdges[binOffset[f] + b]` = the raw threshold of
   * "bin ≤ b"); used by `thresholdPlacement: "middle"` (without it the middle bin index is used).
   */
  readonly upperEdges?: Float64Array;
}

/** The best split found for a leaf (mutable, reused). `gain = -Infinity` means "no valid split". */
export class SplitInfo {
  gain = -Infinity;
  feature = -1;
  /** Numeric: left when bin ≤ `bin`. */
  bin = 0;
  defaultLeft = false;
  categorical = false;
  /** Categorical: the bins (category codes) going left, ascending. */
  catBins: number[] = [];
  leftG = 0;
  leftH = 0;
  leftC = 0;
  rightG = 0;
  rightH = 0;
  rightC = 0;
  leftOutput = 0;
  rightOutput = 0;

  reset(): void {
    this.gain = -Infinity;
    this.feature = -1;
    this.catBins = [];
  }
}

/** L1 soft-threshold of a gradient sum. */
export function thresholdL1(g: number, alpha: number): number {
  if (alpha === 0) return g;
  const a = Math.abs(g) - alpha;
  return a > 0 ? (g > 0 ? a : -a) : 0;
}

/**
 * Optimal leaf output `−T(G)/(H+λ)` clamped to `[lo, hi]`; 0 when `H + λ` is not positive (no
 * curvature, as XGBoost: e.g. a leaf of lambdarank queries without a pair, or of rows whose weights
 * underflow float32).
 */
export function leafOutput(
  g: number,
  h: number,
  lambdaL2: number,
  alphaL1: number,
  lo: number,
  hi: number,
): number {
  const d = h + lambdaL2;
  const w = d > 0 ? -thresholdL1(g, alphaL1) / d : 0;
  return w < lo ? lo : w > hi ? hi : w;
}

/** Gain of a leaf with gradient/hessian sums (g, h) and output w: `−(2·T(g)·w + (h+λ)·w²)`. */
export function leafGainGivenOutput(
  g: number,
  h: number,
  lambdaL2: number,
  alphaL1: number,
  w: number,
): number {
  return -(2 * thresholdL1(g, alphaL1) * w + (h + lambdaL2) * w * w);
}

/** Unconstrained leaf gain `T(g)² / (h+λ)`; 0 when `h + λ` is not positive (the output is then 0). */
export function leafGain(g: number, h: number, lambdaL2: number, alphaL1: number): number {
  const t = thresholdL1(g, alphaL1);
  const d = h + lambdaL2;
  return d > 0 ? (t * t) / d : 0;
}

/**
 * Finds the best split over the features with `featureMask[f] = 1` and writes it to `out`
 * (`out.gain = -Infinity` when none is valid). `[lo, hi]` are the leaf's output bounds.
 */
export function findBestSplit(
  hist: Histogram,
  feats: SplitFeatures,
  featureMask: Uint8Array,
  sumG: number,
  sumH: number,
  count: number,
  lo: number,
  hi: number,
  cfg: SplitConfig,
  out: SplitInfo,
): void {
  out.reset();
  const parentGain = leafGain(sumG, sumH, cfg.lambdaL2, cfg.alphaL1);
  const nFeatures = feats.binOffset.length - 1;
  for (let f = 0; f < nFeatures; f++) {
    if (featureMask[f] === 0) continue;
    searchFeature(hist, feats, f, sumG, sumH, count, parentGain, lo, hi, cfg, out);
  }
  finishSplit(hist, feats, cfg, out);
}

/**
 * The search of {@link findBestSplit} restricted to the features `features[kFrom .. kTo)`
 * (increasing), without resetting `out` and without placing the threshold: threads each search their
 * features this way into their own record, the best record wins (higher gain, then lower feature,
 * which is the order the sequential search keeps), and {@link finishSplit} completes it.
 */
export function searchFeatures(
  hist: Histogram,
  feats: SplitFeatures,
  features: Int32Array,
  kFrom: number,
  kTo: number,
  sumG: number,
  sumH: number,
  count: number,
  lo: number,
  hi: number,
  cfg: SplitConfig,
  out: SplitInfo,
): void {
  const parentGain = leafGain(sumG, sumH, cfg.lambdaL2, cfg.alphaL1);
  for (let k = kFrom; k < kTo; k++) {
    searchFeature(hist, feats, features[k]!, sumG, sumH, count, parentGain, lo, hi, cfg, out);
  }
}

/** Whether split record a (gain, feature) comes before b in the sequential search's order. */
export function beats(gainA: number, featureA: number, gainB: number, featureB: number): boolean {
  return gainA > gainB || (gainA === gainB && gainA > -Infinity && featureA < featureB);
}

/** Places the threshold of the chosen numeric split (cfg.thresholdPlacement) once all features were searched. */
export function finishSplit(hist: Histogram, feats: SplitFeatures, cfg: SplitConfig, out: SplitInfo): void {
  const placement = cfg.thresholdPlacement ?? "left";
  if (placement !== "left" && out.feature >= 0 && !out.categorical) {
    placeThreshold(hist, feats, placement, out);
  }
}

/** Searches one feature (trivial features never split), keeping a better candidate in `out`. */
function searchFeature(
  hist: Histogram,
  feats: SplitFeatures,
  f: number,
  sumG: number,
  sumH: number,
  count: number,
  parentGain: number,
  lo: number,
  hi: number,
  cfg: SplitConfig,
  out: SplitInfo,
): void {
  if (feats.trivial[f] === 1) return;
  if (feats.categorical[f] === 1) {
    findCategorical(hist, feats, f, sumG, sumH, count, parentGain, lo, hi, cfg, out);
  } else findNumeric(hist, feats, f, sumG, sumH, count, parentGain, lo, hi, cfg, out);
}

/**
 * Moves a numeric split's bin within the run of bins that are empty in this leaf above it: every bin
 * of `[out.bin, next occupied value bin − 1]` gives the same partition of the leaf's rows. Nothing moves
 * when no value bin above is occupied (the right side is then missing values only).
 */
function placeThreshold(
  hist: Histogram,
  feats: SplitFeatures,
  placement: "middle" | "right",
  out: SplitInfo,
): void {
  const o = feats.binOffset[out.feature]!, nb = feats.nValueBins[out.feature]!;
  let next = out.bin + 1;
  while (next < nb && hist.count[o + next] === 0) next++;
  if (next >= nb) return;
  const first = out.bin, last = next - 1;
  if (last === first) return;
  if (placement === "right") {
    out.bin = last;
    return;
  }
  const edges = feats.upperEdges;
  if (!edges) {
    out.bin = (first + last) >> 1;
    return;
  }
  const target = (edges[o + first]! + edges[o + last]!) / 2;
  let best = first;
  for (let b = first + 1; b <= last; b++) {
    if (Math.abs(edges[o + b]! - target) < Math.abs(edges[o + best]! - target)) best = b;
  }
  out.bin = best;
}

/**
 * Gain of a candidate (−Infinity when it violates a constraint). Child outputs are only needed for
 * monotone or bounded leaves here; {@link record} computes them for the splits it keeps.
 */
function candidateGain(
  lg: number,
  lh: number,
  lc: number,
  rg: number,
  rh: number,
  rc: number,
  mono: number,
  lo: number,
  hi: number,
  cfg: SplitConfig,
  countFactor: number,
): number {
  let lcc = lc, rcc = rc;
  if (countFactor > 0) {
    lcc = Math.round(lh * countFactor);
    rcc = lc + rc - lcc;
  }
  if (
    lcc < cfg.minDataInLeaf || rcc < cfg.minDataInLeaf || lh < cfg.minSumHessian || rh < cfg.minSumHessian
  ) {
    return -Infinity;
  }
  const l2 = cfg.lambdaL2, l1 = cfg.alphaL1;
  const bounded = lo !== -Infinity || hi !== Infinity;
  if (mono === 0 && !bounded) return leafGain(lg, lh, l2, l1) + leafGain(rg, rh, l2, l1);
  const wl = leafOutput(lg, lh, l2, l1, lo, hi);
  const wr = leafOutput(rg, rh, l2, l1, lo, hi);
  if ((mono > 0 && wl > wr) || (mono < 0 && wl < wr)) return -Infinity;
  return bounded
    ? leafGainGivenOutput(lg, lh, l2, l1, wl) + leafGainGivenOutput(rg, rh, l2, l1, wr)
    : leafGain(lg, lh, l2, l1) + leafGain(rg, rh, l2, l1);
}

/** LightGBM's row-count estimate factor `count / sumH` ("hessian" counting), else 0 (exact rows). */
function hessianCountFactor(cfg: SplitConfig, count: number, sumH: number): number {
  return cfg.minDataInLeafBy === "hessian" && sumH > 0 ? count / sumH : 0;
}

/** Writes a kept candidate to `out`, with the children's (clamped) outputs. */
function record(
  out: SplitInfo,
  gain: number,
  f: number,
  lg: number,
  lh: number,
  lc: number,
  rg: number,
  rh: number,
  rc: number,
  lo: number,
  hi: number,
  cfg: SplitConfig,
): void {
  out.gain = gain;
  out.feature = f;
  out.leftG = lg;
  out.leftH = lh;
  out.leftC = lc;
  out.rightG = rg;
  out.rightH = rh;
  out.rightC = rc;
  out.leftOutput = leafOutput(lg, lh, cfg.lambdaL2, cfg.alphaL1, lo, hi);
  out.rightOutput = leafOutput(rg, rh, cfg.lambdaL2, cfg.alphaL1, lo, hi);
}

function findNumeric(
  hist: Histogram,
  feats: SplitFeatures,
  f: number,
  sumG: number,
  sumH: number,
  count: number,
  parentGain: number,
  lo: number,
  hi: number,
  cfg: SplitConfig,
  out: SplitInfo,
): void {
  const { gh, count: cnt } = hist;
  const nb = feats.nValueBins[f]!;
  const o = feats.binOffset[f]!;
  const mono = feats.monotone[f]!;
  const mo = o + nb;
  const mg = gh[2 * mo]!, mh = gh[2 * mo + 1]!, mc = cnt[mo]!;
  const minGain = parentGain + cfg.minSplitGain;
  const cf = hessianCountFactor(cfg, count, sumH);
  // Missing right: left = bins 0..b. With missing rows, b = nb−1 (all values | missing) is allowed.
  let lg = 0, lh = 0, lc = 0;
  const lastA = mc > 0 ? nb - 1 : nb - 2;
  for (let b = 0; b <= lastA; b++) {
    const j = o + b;
    const c = cnt[j]!;
    lg += gh[2 * j]!;
    lh += gh[2 * j + 1]!;
    lc += c;
    if (c === 0) continue; // same partition as b − 1
    const rg = sumG - lg, rh = sumH - lh, rc = count - lc;
    const gain = candidateGain(lg, lh, lc, rg, rh, rc, mono, lo, hi, cfg, cf) - parentGain;
    if (gain > out.gain && gain + parentGain > minGain) {
      record(out, gain, f, lg, lh, lc, rg, rh, rc, lo, hi, cfg);
      out.bin = b;
      out.categorical = false;
      out.catBins = [];
      out.defaultLeft = mc > 0 ? false : lc >= rc;
    }
  }
  if (mc === 0) return;
  // Missing left: left = missing + bins 0..b.
  lg = mg;
  lh = mh;
  lc = mc;
  for (let b = 0; b <= nb - 2; b++) {
    const j = o + b;
    const c = cnt[j]!;
    lg += gh[2 * j]!;
    lh += gh[2 * j + 1]!;
    lc += c;
    if (c === 0) continue;
    const rg = sumG - lg, rh = sumH - lh, rc = count - lc;
    const gain = candidateGain(lg, lh, lc, rg, rh, rc, mono, lo, hi, cfg, cf) - parentGain;
    if (gain > out.gain && gain + parentGain > minGain) {
      record(out, gain, f, lg, lh, lc, rg, rh, rc, lo, hi, cfg);
      out.bin = b;
      out.categorical = false;
      out.catBins = [];
      out.defaultLeft = true;
    }
  }
}

function findCategorical(
  hist: Histogram,
  feats: SplitFeatures,
  f: number,
  sumG: number,
  sumH: number,
  count: number,
  parentGain: number,
  lo: number,
  hi: number,
  cfg: SplitConfig,
  out: SplitInfo,
): void {
  const { gh, count: cnt } = hist;
  const nb = feats.nValueBins[f]!;
  const o = feats.binOffset[f]!;
  const minGain = parentGain + cfg.minSplitGain;
  const cf = hessianCountFactor(cfg, count, sumH);
  const cats: number[] = [];
  for (let b = 0; b < nb; b++) if (cnt[o + b]! > 0) cats.push(b);
  const used = cats.length;
  if (used === 0) return;
  const tryLeftSet = (set: number[]) => {
    let lg = 0, lh = 0, lc = 0;
    for (const b of set) {
      const j = o + b;
      lg += gh[2 * j]!;
      lh += gh[2 * j + 1]!;
      lc += cnt[j]!;
    }
    const rg = sumG - lg, rh = sumH - lh, rc = count - lc;
    const gain = candidateGain(lg, lh, lc, rg, rh, rc, 0, lo, hi, cfg, cf) - parentGain;
    if (gain > out.gain && gain + parentGain > minGain) {
      record(out, gain, f, lg, lh, lc, rg, rh, rc, lo, hi, cfg);
      out.categorical = true;
      out.defaultLeft = false;
      out.bin = 0;
      out.catBins = set.slice().sort((a, b) => a - b);
    }
  };
  if (used <= cfg.maxCatToOnehot) {
    for (const b of cats) tryLeftSet([b]);
    return;
  }
  const score = (b: number) => {
    const d = gh[2 * (o + b) + 1]! + cfg.catSmooth;
    return d > 0 ? gh[2 * (o + b)]! / d : 0;
  };
  cats.sort((a, b) => score(a) - score(b) || a - b);
  const maxLeft = Math.min(cfg.maxCatThreshold, used - 1);
  for (let dir = 0; dir < 2; dir++) {
    const set: number[] = [];
    for (let k = 0; k < maxLeft; k++) {
      set.push(dir === 0 ? cats[k]! : cats[used - 1 - k]!);
      tryLeftSet(set);
    }
  }
}
