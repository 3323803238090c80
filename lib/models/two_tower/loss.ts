/**
 * In-batch sampled softmax with log-Q correction, temperature and optional extra random negatives.
 *
 * For a batch of B positive pairs (u_i, v_i) with unit-norm embeddings, candidates are the batch's items
 * (and M extra sampled items v'_m). With τ the temperature and Q_j the expected number of times item j
 * appears among the candidates under the sampling scheme (in-batch: B·p_j with p_j its share of train
 * pairs; uniform extras: M / nItems),
 *
 *   s_ij = u_i·v_j / τ − log Q_j   (−∞ where v_j is the same item as v_i but j ≠ i: an accidental hit)
 *   loss = Σ_i w_i (logsumexp_j s_ij − s_ii) / Σ_i w_i
 *
 * Without the correction, popular items appear as negatives more often and get pushed down (Yi et al.,
 * "Sampling-bias-corrected neural modeling", RecSys 2019); subtracting log Q makes the sampled softmax a
 * consistent estimate of the full softmax.
 * @module
 */
import type { Tf, tf as tfNs } from "../tf_backend.ts";

/** Masked logits use this value (exp underflows to 0 in float32). */
export const MASKED_LOGIT = -1e9;

/** Per-batch constants of the loss, built in JS. */
export interface LossBatch {
  /** log Q_j of the in-batch candidates (length B), or null for no correction. */
  readonly logQ: Float32Array | null;
  /** B × B additive mask: MASKED_LOGIT for accidental hits, else 0. */
  readonly mask: Float32Array;
  /** Example weights (length B). */
  readonly weights: Float32Array;
  /** log Q of each extra negative (constant), or null. */
  readonly negLogQ: number | null;
  /** B × M additive mask for extra negatives equal to the row's positive. */
  readonly negMask: Float32Array | null;
}

/** The loss as a scalar tensor (call inside optimizer.minimize). */
export function sampledSoftmaxLoss(
  tf: Tf,
  u: tfNs.Tensor2D,
  v: tfNs.Tensor2D,
  temperature: number,
  batch: LossBatch,
  negV?: tfNs.Tensor2D,
): tfNs.Scalar {
  const B = u.shape[0];
  let logits = tf.div(tf.matMul(u, v, false, true), temperature) as tfNs.Tensor2D;
  let pos = tf.div(tf.sum(tf.mul(u, v), 1), temperature) as tfNs.Tensor1D;
  if (batch.logQ) {
    const lq = tf.tensor1d(batch.logQ);
    logits = tf.sub(logits, lq.reshape([1, B]));
    pos = tf.sub(pos, lq);
  }
  logits = tf.add(logits, tf.tensor2d(batch.mask, [B, B]));
  if (negV) {
    const M = negV.shape[0];
    let neg = tf.div(tf.matMul(u, negV, false, true), temperature) as tfNs.Tensor2D;
    if (batch.negLogQ !== null) neg = tf.sub(neg, batch.negLogQ);
    if (batch.negMask) neg = tf.add(neg, tf.tensor2d(batch.negMask, [B, M]));
    logits = tf.concat([logits, neg], 1);
  }
  const perExample = tf.sub(tf.logSumExp(logits, 1), pos);
  const w = tf.tensor1d(batch.weights);
  return tf.div(tf.sum(tf.mul(perExample, w)), tf.sum(w)) as tfNs.Scalar;
}

/**
 * The per-batch constants of {@link sampledSoftmaxLoss} for positive items `items` (length B):
 * - `logQ[j] = log B + logShare[items[j]]` (Q_j = B·p_j, p_j the item's share of train pairs) when
 *   `logQCorrection`, else null;
 * - `mask`: MASKED_LOGIT at (a, b), a ≠ b, where rows a and b hold the same item (accidental hits);
 * - with extra negatives `negItems` (length M, uniform over `nItems`): `negLogQ = log(M / nItems)` (when
 *   correcting) and `negMask[j·M + m] = MASKED_LOGIT` where negative m is row j's own positive.
 */
export function buildLossBatch(
  items: Int32Array,
  weights: Float32Array,
  logShare: Float64Array,
  opts: { logQCorrection: boolean; nItems: number; negItems: Int32Array | null },
): LossBatch {
  const B = items.length;
  const mask = new Float32Array(B * B);
  const rowsOf = new Map<number, number[]>();
  for (let j = 0; j < B; j++) {
    const list = rowsOf.get(items[j]!);
    if (list) list.push(j);
    else rowsOf.set(items[j]!, [j]);
  }
  for (const pos of rowsOf.values()) {
    if (pos.length < 2) continue;
    for (const a of pos) for (const b of pos) if (a !== b) mask[a * B + b] = MASKED_LOGIT;
  }
  const logQ = opts.logQCorrection ? Float32Array.from(items, (i) => Math.log(B) + logShare[i]!) : null;
  const neg = opts.negItems, M = neg?.length ?? 0;
  let negMask: Float32Array | null = null;
  if (neg && M > 0) {
    negMask = new Float32Array(B * M);
    for (let j = 0; j < B; j++) {
      for (let m = 0; m < M; m++) if (neg[m] === items[j]) negMask[j * M + m] = MASKED_LOGIT;
    }
  }
  const negLogQ = opts.logQCorrection && M > 0 ? Math.log(M / opts.nItems) : null;
  return { logQ, mask, weights, negLogQ, negMask };
}
