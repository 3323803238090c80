import assert from "node:assert/strict";
import { fitWideDeep } from "./fit.ts";
import { plantedCrossData } from "./_planted.ts";
import { initWeights } from "./network.ts";
import { WideDeepModel } from "./model.ts";
import { auc } from "../../metrics/mod.ts";
import { fitLogistic } from "../linear/mod.ts";
import { Rng } from "../../random/mod.ts";
import { InputError } from "../../errors.ts";

const train = plantedCrossData(2000, 11);
const valid = plantedCrossData(1000, 12);
const params = { crosses: [["a", "b"]], hiddenUnits: [16], batchSize: 128, learningRate: 0.01, maxEpochs: 6 };

Deno.test("fitWideDeep: learns the planted a×b interaction that logistic regression cannot", async () => {
  const model = await fitWideDeep(train, { valid, params, seed: 1 });
  const wdAuc = auc(valid.labels, model.predict(valid.matrix));
  const lr = fitLogistic({ matrix: train.matrix, labels: train.labels });
  const lrAuc = auc(valid.labels, lr.predict(valid.matrix));
  // Bayes AUC of the planted rule is ≈ 0.85; an additive model sees no signal in a or b alone.
  assert.ok(wdAuc > 0.8, `wide & deep AUC ${wdAuc}`);
  assert.ok(lrAuc < 0.6, `logistic AUC ${lrAuc}`);
  // The untrained network (same seeded init) is at chance: training is what improves AUC.
  const init = new WideDeepModel(
    model.params,
    model.encoder,
    initWeights(model.shape, new Rng(1).fork(1), 0),
    model.fitInfo,
  );
  const initAuc = auc(valid.labels, init.predict(valid.matrix));
  assert.ok(initAuc < 0.6 && wdAuc - initAuc > 0.2, `init AUC ${initAuc}`);
  assert.equal(model.fitInfo.validAuc.length, model.fitInfo.epochs);
});

Deno.test("fitWideDeep: the deep part alone (no wide crosses) also picks up the interaction", async () => {
  const model = await fitWideDeep(train, {
    valid,
    params: { ...params, crosses: [], wideSingles: false, hiddenUnits: [16, 8], maxEpochs: 8 },
    seed: 2,
  });
  const a = auc(valid.labels, model.predict(valid.matrix));
  assert.ok(a > 0.78, `deep-only AUC ${a}`);
});

Deno.test("fitWideDeep: same seed → identical weights; another seed → different weights", async () => {
  const small = plantedCrossData(300, 5);
  const opts = { params: { ...params, maxEpochs: 2 }, seed: 9 };
  const m1 = await fitWideDeep(small, opts);
  const m2 = await fitWideDeep(small, opts);
  const m3 = await fitWideDeep(small, { ...opts, seed: 10 });
  assert.deepEqual(m1.weights, m2.weights);
  assert.notDeepEqual(m1.weights.dense[0]!.kernel, m3.weights.dense[0]!.kernel);
  assert.deepEqual(m1.fitInfo.trainLoss, m2.fitInfo.trainLoss);
});

Deno.test("fitWideDeep: l2Embeddings shrinks the embedding table and the wide weights", async () => {
  const small = plantedCrossData(300, 5);
  const sq = (v: Float32Array) => v.reduce((s, x) => s + x * x, 0);
  const opts = { params: { ...params, maxEpochs: 3, learningRate: 0.05 }, seed: 9 };
  const free = await fitWideDeep(small, opts);
  const decayed = await fitWideDeep(small, { ...opts, params: { ...opts.params, l2Embeddings: 0.05 } });
  assert.ok(sq(decayed.weights.embeddings) < 0.5 * sq(free.weights.embeddings));
  assert.ok(sq(decayed.weights.wide) < 0.5 * sq(free.weights.wide));
});

Deno.test("fitWideDeep: early stopping restores the best epoch's weights", async () => {
  // Tiny noisy training set + large steps: validation AUC peaks early, then overfitting lowers it.
  const tiny = plantedCrossData(150, 21);
  const epochs: number[] = [];
  const model = await fitWideDeep(tiny, {
    valid,
    params: {
      crosses: [["a", "b"], ["a", "noise"], ["b", "noise"]],
      hiddenUnits: [64],
      learningRate: 0.05,
      batchSize: 16,
      maxEpochs: 40,
      patience: 3,
      minDelta: 0,
    },
    seed: 4,
    onEpoch: (e) => epochs.push(e.epoch),
  });
  const info = model.fitInfo;
  assert.deepEqual(epochs, Array.from({ length: info.epochs }, (_, i) => i + 1));
  const bestAuc = Math.max(...info.validAuc);
  assert.equal(info.validAuc[info.bestEpoch - 1], bestAuc);
  assert.ok(
    info.stoppedEarly && info.epochs === info.bestEpoch + 3,
    `epochs ${info.epochs}, best ${info.bestEpoch}`,
  );
  assert.ok(info.validAuc[info.epochs - 1]! < bestAuc, "the last epoch is worse than the best");
  // The returned weights are the best epoch's: recomputing the validation AUC with the tfjs graph gives it back.
  assert.equal(auc(valid.labels, await model.predictTf(valid.matrix)), bestAuc);
});

Deno.test("fitWideDeep: bad data throws InputError naming the field", async () => {
  const small = plantedCrossData(50, 1);
  const opts = { params: { maxEpochs: 1 }, seed: 1 };
  await assert.rejects(
    () => fitWideDeep({ ...small, labels: small.labels.subarray(1) }, opts),
    /train\.labels.*length 49/,
  );
  await assert.rejects(
    () => fitWideDeep({ ...small, labels: new Float64Array(50) }, opts),
    /train\.labels.*both classes/,
  );
  await assert.rejects(() => fitWideDeep({ ...small, labels: small.labels.map(() => 2) }, opts), InputError);
  await assert.rejects(
    () => fitWideDeep(small, { ...opts, valid: { ...small, labels: new Float64Array(50).fill(1) } }),
    /valid\.labels/,
  );
  await assert.rejects(
    () => fitWideDeep(small, { params: { crosses: [["a", "x"]] }, seed: 1 }),
    /"crosses\[0\]"/,
  );
  await assert.rejects(() => fitWideDeep(small, { ...opts, seed: -1 }), /seed/);
});
