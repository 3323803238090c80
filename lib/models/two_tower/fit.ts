/**
 * Trains a two-tower model on positive (user, item) pairs with the in-batch sampled softmax of
 * `loss.ts` and Adam.
 *
 * Entities (users or items) in the ID space without any training pair are embedded through the OOV
 * row, i.e. by the feature-only tower, exactly like unseen entities at inference time.
 *
 * Determinism: weights are initialised from `lib/random` (seed → forks 1, 2), the pair order is a
 * seeded Fisher–Yates shuffle per epoch (fork 3), ID dropout (fork 4) and extra negatives (fork 5) are
 * seeded too, and tfjs kernels are deterministic on "cpu" and single-threaded "wasm" — so the same seed,
 * data and backend give bit-identical weights.
 *
 * @example
 * ```ts ignore
 * const model = await fitTwoTower({ train, users, items }, { seed: 7, params: { epochs: 3 } });
 * model.recommend([0, 1], 10);
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import { Rng } from "../../random/mod.ts";
import type { Interactions } from "../../recsys/interactions.ts";
import { initTf } from "../tf_backend.ts";
import { gatherBatch } from "./batch.ts";
import { checkEntityFeatures, type EntityFeatures, noFeatures, specOf } from "./features.ts";
import { buildLossBatch, sampledSoftmaxLoss } from "./loss.ts";
import { embedWith, type EpochStats, TWO_TOWER_FORMAT_VERSION, TwoTowerModel } from "./model.ts";
import { resolveTwoTowerParams, type TwoTowerParams } from "./params.ts";
import {
  disposeTower,
  initTowerWeights,
  readWeights,
  standardisation,
  towerForward,
  towerVariables,
  variableList,
} from "./tower.ts";

/** Training data: positive pairs and (optionally) entity features indexed by user / item index. */
export interface TwoTowerData {
  readonly train: Interactions;
  /** n = train.nUsers rows; omitted → ID-only user tower. */
  readonly users?: EntityFeatures;
  /** n = train.nItems rows; omitted → ID-only item tower. */
  readonly items?: EntityFeatures;
  /**
   * Per-interaction numeric user features appended after the user's own numeric features, e.g. the
   * time of the interaction (YouTube's "example age"): with item publish time as an item feature, the
   * in-batch softmax learns which items are fresh relative to the query time. `train` is
   * nPairs × names.length (row r = train row r); `inference` is nUsers × names.length, used for the
   * precomputed user matrix (e.g. the serving time for everyone).
   */
  readonly userContext?: TowerContext;
  /**
   * Per-interaction numeric item features, as `userContext` for the item tower (`inference` is
   * nItems × names.length). In-batch candidates use their own pair's context, extra random negatives
   * the inference context.
   */
  readonly itemContext?: TowerContext;
}

/** Per-interaction numeric context of one tower (see {@link TwoTowerData.userContext}). */
export interface TowerContext {
  readonly names: readonly string[];
  readonly train: Float32Array;
  readonly inference: Float32Array;
}

function checkContext(field: string, c: TowerContext, nPairs: number, nEntities: number): void {
  const w = c.names.length;
  if (w === 0) throw new InputError(`${field}.names`, "must not be empty");
  for (const [part, arr, n] of [["train", c.train, nPairs], ["inference", c.inference, nEntities]] as const) {
    if (arr.length !== n * w) {
      throw new InputError(`${field}.${part}`, `length ${arr.length}, expected ${n} × ${w}`);
    }
    for (let j = 0; j < arr.length; j++) {
      if (!Number.isFinite(arr[j]!)) {
        throw new InputError(
          `${field}.${part}`,
          `row ${Math.floor(j / w)}, "${c.names[j % w]}" is ${arr[j]}`,
        );
      }
    }
  }
}

/** Standardisation of the entity numerics followed by the context columns, and the tower's spec. */
function towerSetup(f: EntityFeatures, c: TowerContext | undefined, nPairs: number) {
  const spec = specOf(f);
  const e = standardisation(f.numeric, f.n, f.numericNames.length);
  const names = c ? [...c.names] : [];
  const cs = standardisation(c?.train ?? new Float32Array(0), c ? nPairs : 0, names.length);
  return {
    spec,
    contextNames: names,
    towerSpec: { ...spec, numericNames: [...spec.numericNames, ...names] },
    mean: Float32Array.from([...e.mean, ...cs.mean]),
    scale: Float32Array.from([...e.scale, ...cs.scale]),
  };
}

/** Options of {@link fitTwoTower}. */
export interface TwoTowerFitOptions {
  readonly seed: number;
  readonly params?: Partial<TwoTowerParams>;
  /** Called after every epoch. */
  readonly onEpoch?: (stats: EpochStats) => void;
}

/** Fits the towers and precomputes the embedding matrices of all known users and items. */
export async function fitTwoTower(data: TwoTowerData, options: TwoTowerFitOptions): Promise<TwoTowerModel> {
  const p = resolveTwoTowerParams(options.params);
  const { train } = data;
  const root = new Rng(options.seed);
  const nPairs = train.user.length;
  if (nPairs === 0) throw new InputError("train", "the interaction log is empty");
  for (let r = 0; r < nPairs; r++) {
    if (!(train.rating[r]! > 0)) {
      throw new InputError("rating", `row ${r}: ${train.rating[r]}; training pairs need a weight > 0`);
    }
  }
  const users = data.users ?? noFeatures(train.nUsers), items = data.items ?? noFeatures(train.nItems);
  if (users.n !== train.nUsers) {
    throw new InputError("users", `has ${users.n} rows, expected nUsers = ${train.nUsers}`);
  }
  if (items.n !== train.nItems) {
    throw new InputError("items", `has ${items.n} rows, expected nItems = ${train.nItems}`);
  }
  checkEntityFeatures("users", users);
  checkEntityFeatures("items", items);
  const uCtx = data.userContext, iCtx = data.itemContext;
  if (uCtx) checkContext("userContext", uCtx, nPairs, train.nUsers);
  if (iCtx) checkContext("itemContext", iCtx, nPairs, train.nItems);
  const uSet = towerSetup(users, uCtx, nPairs), iSet = towerSetup(items, iCtx, nPairs);
  const uw = uSet.contextNames.length, iw = iSet.contextNames.length;
  const userSpec = uSet.spec, itemSpec = iSet.spec;
  const userInit = initTowerWeights(root.fork(1), uSet.towerSpec, train.nUsers, uSet.mean, uSet.scale, p);
  const itemInit = initTowerWeights(root.fork(2), iSet.towerSpec, train.nItems, iSet.mean, iSet.scale, p);

  // Sampling probabilities of items as in-batch candidates: their share of training pairs.
  const popularity = new Float64Array(train.nItems), pairCount = new Float64Array(train.nItems);
  for (let r = 0; r < nPairs; r++) {
    popularity[train.item[r]!]! += train.rating[r]!;
    pairCount[train.item[r]!]! += 1;
  }
  const logShare = Float64Array.from(pairCount, (c) => Math.log(Math.max(c, 1) / nPairs));

  const tf = await initTf(p.backend);
  const uVars = towerVariables(tf, userInit, "user"), iVars = towerVariables(tf, itemInit, "item");
  const varList = [...variableList(uVars), ...variableList(iVars)];
  const optimizer = tf.train.adam(p.learningRate);
  const shuffleRng = root.fork(3), dropRng = root.fork(4), negRng = root.fork(5);
  const order = Int32Array.from({ length: nPairs }, (_, i) => i);
  const history: EpochStats[] = [];
  try {
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      const t0 = performance.now();
      shuffleRng.shuffle(order);
      let lossSum = 0, weightSum = 0;
      for (let s = 0; s < nPairs; s += p.batchSize) {
        const rows = order.subarray(s, Math.min(nPairs, s + p.batchSize));
        const B = rows.length;
        if (B < 2) continue; // a softmax over one candidate has no negatives
        const bu = new Int32Array(B), bi = new Int32Array(B), w = new Float32Array(B);
        for (let j = 0; j < B; j++) {
          bu[j] = train.user[rows[j]!]!;
          bi[j] = train.item[rows[j]!]!;
          w[j] = train.rating[rows[j]!]!;
        }
        const dropU = dropIds(bu, train.nUsers, p.idDropout, dropRng);
        const dropI = dropIds(bi, train.nItems, p.idDropout, dropRng);
        const negItems = p.randomNegatives > 0
          ? Int32Array.from({ length: p.randomNegatives }, () => negRng.int(train.nItems))
          : null;
        const lossBatch = buildLossBatch(bi, w, logShare, {
          logQCorrection: p.logQCorrection,
          nItems: train.nItems,
          negItems,
        });
        const uBatch = gatherBatch(
          users,
          bu,
          train.nUsers,
          dropU,
          uCtx && { values: uCtx.train, width: uw, rows },
        );
        const iBatch = gatherBatch(
          items,
          bi,
          train.nItems,
          dropI,
          iCtx && { values: iCtx.train, width: iw, rows },
        );
        const nBatch = negItems
          ? gatherBatch(
            items,
            negItems,
            train.nItems,
            undefined,
            iCtx && { values: iCtx.inference, width: iw, rows: negItems },
          )
          : null;
        const cost = optimizer.minimize(
          () => {
            const u = towerForward(tf, uVars, uBatch), v = towerForward(tf, iVars, iBatch);
            const negV = nBatch ? towerForward(tf, iVars, nBatch) : undefined;
            return sampledSoftmaxLoss(tf, u, v, p.temperature, lossBatch, negV);
          },
          true,
          varList,
        );
        if (cost === null) throw new Error("two-tower: optimizer returned no cost");
        const batchWeight = w.reduce((a, b) => a + b, 0);
        lossSum += cost.dataSync()[0]! * batchWeight;
        weightSum += batchWeight;
        cost.dispose();
      }
      const seconds = (performance.now() - t0) / 1000;
      const stats = { epoch, loss: lossSum / weightSum, seconds, examplesPerSecond: nPairs / seconds };
      if (!Number.isFinite(stats.loss)) {
        throw new Error(`two-tower: loss became ${stats.loss} in epoch ${epoch}`);
      }
      history.push(stats);
      options.onEpoch?.(stats);
    }
    const userTower = readWeights(uVars, userInit), itemTower = readWeights(iVars, itemInit);
    // Entities without a training pair never moved their ID row off its random init: embed them
    // through the trained OOV row instead (the feature-only tower), as for cold start.
    const userSeen = new Uint8Array(train.nUsers);
    for (let r = 0; r < nPairs; r++) userSeen[train.user[r]!] = 1;
    const idsOrOov = (seen: ArrayLike<number>) =>
      Int32Array.from({ length: seen.length }, (_, j) => (seen[j] ? j : -1));
    const userEmbeddings = embedWith(
      tf,
      uVars,
      users,
      train.nUsers,
      p.embeddingDim,
      idsOrOov(userSeen),
      uCtx && { values: uCtx.inference, width: uw },
    );
    const itemEmbeddings = embedWith(
      tf,
      iVars,
      items,
      train.nItems,
      p.embeddingDim,
      idsOrOov(pairCount),
      iCtx && { values: iCtx.inference, width: iw },
    );
    return new TwoTowerModel(
      {
        kind: "two_tower",
        formatVersion: TWO_TOWER_FORMAT_VERSION,
        params: { ...p, hidden: [...p.hidden] },
        seed: options.seed,
        nUsers: train.nUsers,
        nItems: train.nItems,
        userSpec,
        itemSpec,
        ...(uCtx ? { userContextNames: uSet.contextNames } : {}),
        ...(iCtx ? { itemContextNames: iSet.contextNames } : {}),
        ...(train.userIds ? { userIds: train.userIds } : {}),
        ...(train.itemIds ? { itemIds: train.itemIds } : {}),
        backend: tf.getBackend(),
        history,
      },
      userTower,
      itemTower,
      userEmbeddings,
      itemEmbeddings,
      popularity,
    );
  } finally {
    disposeTower(uVars);
    disposeTower(iVars);
    optimizer.dispose();
  }
}

/** IDs with a seeded fraction replaced by −1 (→ OOV row), or undefined when dropout is off. */
function dropIds(ids: Int32Array, _nIds: number, rate: number, rng: Rng): Int32Array | undefined {
  if (rate === 0) return undefined;
  const out = ids.slice();
  for (let j = 0; j < out.length; j++) if (rng.float() < rate) out[j] = -1;
  return out;
}
