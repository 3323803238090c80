/**
 * Trains a wide & deep model with Adam on mini-batches of the mean log loss, with early stopping on
 * validation AUC (`lib/metrics` `auc`) and the best epoch's weights restored.
 *
 * Reproducible: initial weights and the per-epoch shuffles come from the seeded {@link Rng} (never
 * tfjs's own random ops), so the same data, parameters, seed and backend give bit-identical weights.
 *
 * @example
 * ```ts
 * import { fitWideDeep } from "./fit.ts";
 * const values = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1]);
 * const train = { matrix: { nRows: 8, nCols: 2, values, featureNames: ["a", "b"] }, labels: [0, 1, 1, 0, 0, 1, 1, 0] };
 * const model = await fitWideDeep(train, {
 *   params: { categoricalFeatures: ["a", "b"], crosses: [["a", "b"]], maxEpochs: 2, hiddenUnits: [4] },
 *   seed: 1,
 *   backend: "cpu",
 * });
 * model.predict(train.matrix).length; // 8
 * ```
 * @module
 */
import type { Scalar, Tensor } from "@tensorflow/tfjs";
import { InputError } from "../../errors.ts";
import type { Matrix } from "../../data/types.ts";
import { auc } from "../../metrics/mod.ts";
import { Rng } from "../../random/mod.ts";
import { requireBinary, requireSameLength } from "../../validate.ts";
import { initTf, type TfBackend } from "../tf_backend.ts";
import { WideDeepEncoder } from "./encoder.ts";
import { cloneWeights, initWeights, type WideDeepWeights } from "./network.ts";
import { networkShape, type WideDeepFitInfo, WideDeepModel } from "./model.ts";
import { resolveWideDeepParams, validateWideDeepParams, type WideDeepParams } from "./params.ts";
import { TfWideDeep } from "./tf_network.ts";

/** Rows and 0/1 labels. */
export interface WideDeepData {
  matrix: Matrix;
  labels: ArrayLike<number>;
}

/** One epoch's figures, passed to `onEpoch`. */
export interface WideDeepEpoch {
  epoch: number;
  trainLoss: number;
  validAuc?: number;
}

/** Options of {@link fitWideDeep}. */
export interface FitWideDeepOptions {
  /** Validation rows for early stopping (both classes needed). Without it every epoch runs. */
  valid?: WideDeepData;
  params?: Partial<WideDeepParams>;
  /** Seed for initial weights and shuffles (integer in [0, 2^32)). */
  seed: number;
  /** tfjs backend; default from `tf_backend.ts` (`LAB_TF_BACKEND` or wasm). */
  backend?: TfBackend;
  onEpoch?: (e: WideDeepEpoch) => void;
}

function checkData(field: string, d: WideDeepData): void {
  requireSameLength(`${field}.matrix rows`, { length: d.matrix.nRows }, `${field}.labels`, d.labels);
  requireBinary(`${field}.labels`, d.labels);
  let pos = 0;
  for (let i = 0; i < d.labels.length; i++) pos += d.labels[i]!;
  if (pos === 0 || pos === d.labels.length) {
    throw new InputError(`${field}.labels`, "must contain both classes (0 and 1)");
  }
}

/** Fits a wide & deep model; see the module doc. Throws InputError on bad data or parameters. */
export async function fitWideDeep(train: WideDeepData, options: FitWideDeepOptions): Promise<WideDeepModel> {
  const p = resolveWideDeepParams(options.params);
  const m = train.matrix;
  const categorical = new Set(p.categoricalFeatures);
  for (const c of m.categorical ?? []) categorical.add(m.featureNames[c.feature] ?? "");
  validateWideDeepParams(p, m.featureNames, categorical);
  checkData("train", train);
  if (m.nCols === 0) throw new InputError("train.matrix", "has no features");
  const rng = new Rng(options.seed);
  const encoder = WideDeepEncoder.fit(m, p);
  const encTrain = encoder.encode(m);
  if (options.valid) {
    checkData("valid", options.valid);
  }
  const encValid = options.valid ? encoder.encode(options.valid.matrix) : undefined;
  const validLabels = options.valid ? Float64Array.from(options.valid.labels) : undefined;

  const shape = networkShape(p, encoder);
  let pos = 0;
  for (let i = 0; i < train.labels.length; i++) pos += train.labels[i]!;
  const rate = pos / train.labels.length;
  const initial = initWeights(shape, rng.fork(1), Math.log(rate / (1 - rate)));
  const shuffleRng = rng.fork(2);

  const tf = await initTf(options.backend);
  const net = new TfWideDeep(tf, shape, initial, encoder.json.numeric);
  const optimizer = tf.train.adam(p.learningRate);
  const labels = Float32Array.from(train.labels);
  const n = m.nRows;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const info: WideDeepFitInfo = {
    epochs: 0,
    bestEpoch: 0,
    trainLoss: [],
    validAuc: [],
    stoppedEarly: false,
    backend: tf.getBackend(),
    seed: options.seed,
  };
  let best: WideDeepWeights | undefined;
  let bestAuc = -Infinity, sinceBest = 0;
  try {
    for (let epoch = 1; epoch <= p.maxEpochs; epoch++) {
      shuffleRng.shuffle(order);
      let lossSum = 0;
      for (let start = 0; start < n; start += p.batchSize) {
        const end = Math.min(n, start + p.batchSize);
        const batchLabels = new Float32Array(end - start);
        for (let i = start; i < end; i++) batchLabels[i - start] = labels[order[i]!]!;
        const cost = tf.tidy((): Tensor => {
          const t = net.batchTensors(encTrain, order, start, end);
          const y = tf.tensor1d(batchLabels);
          return optimizer.minimize(
            () => net.loss(t, y, p.l2, p.l2Embeddings) as Scalar,
            true,
            net.variables,
          )!;
        });
        lossSum += cost.dataSync()[0]! * (end - start);
        cost.dispose();
      }
      const trainLoss = lossSum / n;
      if (!Number.isFinite(trainLoss)) {
        throw new InputError(
          "learningRate",
          `training diverged at epoch ${epoch} (loss ${trainLoss}); lower it`,
        );
      }
      info.trainLoss.push(trainLoss);
      info.epochs = epoch;
      if (encValid && validLabels) {
        const a = auc(validLabels, net.predictLogits(encValid));
        info.validAuc.push(a);
        options.onEpoch?.({ epoch, trainLoss, validAuc: a });
        if (a > bestAuc + p.minDelta || best === undefined) {
          bestAuc = Math.max(a, bestAuc);
          best = net.snapshot();
          info.bestEpoch = epoch;
          sinceBest = 0;
        } else if (++sinceBest >= p.patience && p.patience > 0) {
          info.stoppedEarly = epoch < p.maxEpochs;
          break;
        }
      } else {
        options.onEpoch?.({ epoch, trainLoss });
      }
    }
    const weights = best ?? net.snapshot();
    if (!best) info.bestEpoch = info.epochs;
    return new WideDeepModel(p, encoder, cloneWeights(weights), info);
  } finally {
    optimizer.dispose();
    net.dispose();
  }
}
