/**
 * The skip-gram-with-negative-sampling kernel (word2vec's update, Mikolov et al. 2013; item2vec,
 * Barkan & Koenigstein 2016) over sessions of compact item indices, on plain Float32Arrays.
 *
 * For each (center w, context c) pair with step α: for the positive c (label 1) and `negatives` items
 * drawn from the unigram^power distribution (label 0, skipping c), `g = α (label − σ(u_w · v_t))`,
 * `e += g v_t`, `v_t += g u_w`; then `u_w += e`. `u` (input vectors) are the item embeddings returned;
 * `v` (output vectors) start at zero, `u` at uniform(±0.5/dim). α decays linearly with progress.
 *
 * Every draw (subsampling, window sizes, negatives, session order) comes from the seeded {@link Rng},
 * and updates run sequentially, so the same inputs and seed give bit-identical vectors.
 *
 * @example
 * ```ts
 * import { trainSgns } from "./sgns.ts";
 * import { resolveItem2VecParams } from "./params.ts";
 * import { Rng } from "../../random/mod.ts";
 * const sessions = { tokens: Int32Array.of(0, 1, 2, 1, 0), offsets: Int32Array.of(0, 2, 5) };
 * const { input } = trainSgns(sessions, Float64Array.of(2, 2, 1), resolveItem2VecParams({ dim: 4 }), new Rng(1));
 * input.length; // 3 items × 4 dims
 * ```
 * @module
 */
import type { Rng } from "../../random/mod.ts";
import type { Item2VecParams } from "./params.ts";

/** Sessions as one flat token array: session s is `tokens[offsets[s] .. offsets[s+1])`. */
export interface FlatSessions {
  tokens: Int32Array;
  offsets: Int32Array;
}

/** Trained vectors (`nItems × dim` row-major) and the number of positive pairs seen. */
export interface SgnsResult {
  input: Float32Array;
  output: Float32Array;
  pairs: number;
}

const MAX_EXP = 6;

/** Builds a word2vec-style unigram table: item i fills a share ∝ count_i^power of the slots. */
export function unigramTable(counts: ArrayLike<number>, power: number, size: number): Int32Array {
  const table = new Int32Array(size);
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += Math.pow(counts[i]!, power);
  let i = 0, cum = Math.pow(counts[0]!, power) / total;
  for (let a = 0; a < size; a++) {
    // slot a goes to the item whose cumulative share first exceeds the slot's midpoint
    while ((a + 0.5) / size > cum && i < counts.length - 1) {
      i++;
      cum += Math.pow(counts[i]!, power) / total;
    }
    table[a] = i;
  }
  return table;
}

/** Trains SGNS vectors for `counts.length` items; see the module doc. */
export function trainSgns(
  sessions: FlatSessions,
  counts: Float64Array,
  p: Item2VecParams,
  rng: Rng,
): SgnsResult {
  const nItems = counts.length, dim = p.dim;
  const input = new Float32Array(nItems * dim);
  for (let i = 0; i < input.length; i++) input[i] = (rng.float() - 0.5) / dim;
  const output = new Float32Array(nItems * dim);
  const tableSize = Math.min(10_000_000, Math.max(10_000, 100 * nItems));
  const table = unigramTable(counts, p.negativePower, tableSize);
  let totalCount = 0;
  for (const c of counts) totalCount += c;
  const keepProb = new Float64Array(nItems).fill(1);
  if (p.subsample > 0) {
    for (let i = 0; i < nItems; i++) {
      const r = p.subsample / (counts[i]! / totalCount);
      keepProb[i] = Math.min(1, Math.sqrt(r) + r);
    }
  }
  const { tokens, offsets } = sessions;
  const nSessions = offsets.length - 1;
  const order = Int32Array.from({ length: nSessions }, (_, i) => i);
  const totalWork = p.epochs * tokens.length;
  const neu = new Float32Array(dim);
  const kept = new Int32Array(tokens.length);
  let done = 0, pairs = 0;

  const negatives = p.negatives, basket = p.context === "basket", window = p.window;
  // One (center w, context c) SGNS step; a plain function over locals (no closure allocation per pair).
  function update(w: number, c: number, alpha: number): void {
    neu.fill(0);
    const wo = w * dim;
    for (let d = 0; d <= negatives; d++) {
      let t: number, label: number;
      if (d === 0) {
        t = c;
        label = 1;
      } else {
        t = table[rng.int(tableSize)]!;
        if (t === c) continue;
        label = 0;
      }
      const to = t * dim;
      let f = 0;
      for (let k = 0; k < dim; k++) f += input[wo + k]! * output[to + k]!;
      const s = f > MAX_EXP ? 1 : f < -MAX_EXP ? 0 : 1 / (1 + Math.exp(-f));
      const g = (label - s) * alpha;
      for (let k = 0; k < dim; k++) {
        neu[k]! += g * output[to + k]!;
        output[to + k]! += g * input[wo + k]!;
      }
    }
    for (let k = 0; k < dim; k++) input[wo + k]! += neu[k]!;
  }

  for (let epoch = 0; epoch < p.epochs; epoch++) {
    rng.shuffle(order);
    for (let si = 0; si < nSessions; si++) {
      const s = order[si]!;
      const start = offsets[s]!, end = offsets[s + 1]!;
      let n = 0;
      for (let i = start; i < end; i++) {
        const item = tokens[i]!;
        if (keepProb[item]! >= 1 || rng.float() < keepProb[item]!) kept[n++] = item;
      }
      const alpha = p.learningRate * Math.max(1e-4, 1 - done / totalWork);
      done += end - start;
      for (let i = 0; i < n; i++) {
        const w = kept[i]!;
        let lo = 0, hi = n - 1;
        if (!basket) {
          const b = 1 + rng.int(window);
          lo = Math.max(0, i - b);
          hi = Math.min(n - 1, i + b);
        }
        for (let j = lo; j <= hi; j++) {
          if (j === i) continue;
          update(w, kept[j]!, alpha);
          pairs++;
        }
      }
    }
  }
  return { input, output, pairs };
}
