import assert from "node:assert/strict";
import { initTf } from "../tf_backend.ts";
import { buildLossBatch, MASKED_LOGIT, sampledSoftmaxLoss } from "./loss.ts";

/** The loss computed by hand in double precision (naive twin). */
function naiveLoss(
  u: number[][],
  v: number[][],
  tau: number,
  logQ: number[] | null,
  mask: number[][],
  w: number[],
  neg?: number[][],
  negLogQ = 0,
): number {
  const dot = (a: number[], b: number[]) => a.reduce((s, x, j) => s + x * b[j]!, 0);
  let num = 0, den = 0;
  u.forEach((ui, i) => {
    const logits = v.map((vj, j) => dot(ui, vj) / tau - (logQ ? logQ[j]! : 0) + mask[i]![j]!);
    if (neg) { for (const n of neg) logits.push(dot(ui, n) / tau - negLogQ); }
    const m = Math.max(...logits);
    const lse = m + Math.log(logits.reduce((s, x) => s + Math.exp(x - m), 0));
    num += w[i]! * (lse - logits[i]!);
    den += w[i]!;
  });
  return num / den;
}

Deno.test("sampledSoftmaxLoss equals the hand-computed loss (log-Q, accidental-hit mask, weights, extra negatives)", async () => {
  const tf = await initTf("cpu");
  const u = [[0.6, 0.8], [1, 0], [0, 1]], v = [[1, 0], [0.6, -0.8], [1, 0]], neg = [[0, -1], [0.8, 0.6]];
  const logQ = [Math.log(0.5), Math.log(0.1), Math.log(0.5)];
  // rows 0 and 2 hold the same item: each masks the other.
  const mask = [[0, 0, MASKED_LOGIT], [0, 0, 0], [MASKED_LOGIT, 0, 0]], w = [1, 2, 0.5];
  const run = (withNeg: boolean) =>
    tf.tidy(() =>
      sampledSoftmaxLoss(tf, tf.tensor2d(u), tf.tensor2d(v), 0.2, {
        logQ: Float32Array.from(logQ),
        mask: Float32Array.from(mask.flat()),
        weights: Float32Array.from(w),
        negLogQ: withNeg ? Math.log(2 / 10) : null,
        negMask: null,
      }, withNeg ? tf.tensor2d(neg) : undefined).dataSync()[0]!
    );
  assert.ok(Math.abs(run(false) - naiveLoss(u, v, 0.2, logQ, mask, w)) < 1e-5);
  assert.ok(Math.abs(run(true) - naiveLoss(u, v, 0.2, logQ, mask, w, neg, Math.log(2 / 10))) < 1e-5);
  // Without correction and mask, a perfectly aligned diagonal with τ → small gives a loss near 0.
  const aligned = tf.tidy(() =>
    sampledSoftmaxLoss(tf, tf.tensor2d([[1, 0], [0, 1]]), tf.tensor2d([[1, 0], [0, 1]]), 0.01, {
      logQ: null,
      mask: new Float32Array(4),
      weights: new Float32Array([1, 1]),
      negLogQ: null,
      negMask: null,
    }).dataSync()[0]!
  );
  assert.ok(aligned < 1e-6);
});

Deno.test("buildLossBatch: hand-computed log-Q, accidental-hit masks and extra-negative terms", () => {
  // Items of a 4-row batch: 7, 2, 7, 5 (rows 0 and 2 collide); train shares p_7 = 0.5, p_2 = 0.1, p_5 = 0.02.
  const logShare = new Float64Array(10).fill(Math.log(0.01));
  logShare[7] = Math.log(0.5);
  logShare[2] = Math.log(0.1);
  logShare[5] = Math.log(0.02);
  const items = Int32Array.of(7, 2, 7, 5), w = Float32Array.of(1, 1, 2, 1);
  const b = buildLossBatch(items, w, logShare, {
    logQCorrection: true,
    nItems: 10,
    negItems: Int32Array.of(5, 3, 7),
  });
  // Q_j = B · p_j with B = 4: log 2, log 0.4, log 2, log 0.08.
  [2, 0.4, 2, 0.08].forEach((q, j) => assert.ok(Math.abs(b.logQ![j]! - Math.log(q)) < 1e-6, `logQ[${j}]`));
  const expectMask = new Float32Array(16);
  expectMask[0 * 4 + 2] = MASKED_LOGIT;
  expectMask[2 * 4 + 0] = MASKED_LOGIT;
  assert.deepEqual(b.mask, expectMask);
  assert.ok(Math.abs(b.negLogQ! - Math.log(3 / 10)) < 1e-12);
  // negative 0 (item 5) is row 3's positive; negative 2 (item 7) is rows 0 and 2's positive.
  const expectNeg = new Float32Array(12);
  for (const [row, m] of [[3, 0], [0, 2], [2, 2]]) expectNeg[row! * 3 + m!] = MASKED_LOGIT;
  assert.deepEqual(b.negMask, expectNeg);
  assert.equal(b.weights, w);
  // Without the correction and without extra negatives.
  const plain = buildLossBatch(items, w, logShare, { logQCorrection: false, nItems: 10, negItems: null });
  assert.equal(plain.logQ, null);
  assert.equal(plain.negLogQ, null);
  assert.equal(plain.negMask, null);
  assert.deepEqual(plain.mask, expectMask);
});
