/**
 * Fits item2vec: counts items, drops those below `minCount`, maps the rest to compact rows (ascending
 * id), flattens the sessions and runs the SGNS kernel ({@link trainSgns}).
 *
 * @example
 * ```ts
 * import { fitItem2Vec } from "./fit.ts";
 * const model = fitItem2Vec([[1, 2, 3], [2, 3], [7, 8], [8, 7, 9]], { params: { dim: 8, epochs: 20 }, seed: 1 });
 * model.similar(2, 1).items.length; // 1
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import { Rng } from "../../random/mod.ts";
import { Item2VecModel } from "./model.ts";
import { type Item2VecParams, resolveItem2VecParams, validateItem2VecParams } from "./params.ts";
import { trainSgns } from "./sgns.ts";

/** Options of {@link fitItem2Vec}. */
export interface FitItem2VecOptions {
  params?: Partial<Item2VecParams>;
  /** Seed (integer in [0, 2^32)) for initial vectors, session order, windows, subsampling and negatives. */
  seed: number;
}

/**
 * Trains item vectors from baskets or sessions of integer item ids (≥ 0).
 * @throws InputError on no sessions, a non-integer or negative id, fewer than two items kept, or bad params
 */
export function fitItem2Vec(
  sessions: readonly ArrayLike<number>[],
  options: FitItem2VecOptions,
): Item2VecModel {
  const p = resolveItem2VecParams(options.params);
  validateItem2VecParams(p);
  const rng = new Rng(options.seed);
  if (!Array.isArray(sessions) || sessions.length === 0) {
    throw new InputError("sessions", "must be a non-empty array of item-id arrays");
  }
  const counts = new Map<number, number>();
  let nTokens = 0;
  sessions.forEach((s, i) => {
    for (let j = 0; j < s.length; j++) {
      const id = s[j]!;
      if (!Number.isInteger(id) || id < 0 || id > 2 ** 31 - 1) {
        throw new InputError(`sessions[${i}]`, `item at position ${j} is ${id}; expected an integer id ≥ 0`);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
      nTokens++;
    }
  });
  const kept = [...counts].filter(([, c]) => c >= p.minCount).map(([id]) => id).sort((a, b) => a - b);
  if (kept.length < 2) {
    throw new InputError(
      "sessions",
      `only ${kept.length} item(s) occur at least minCount = ${p.minCount} times; need 2`,
    );
  }
  const row = new Map(kept.map((id, r) => [id, r]));
  const tokens = new Int32Array(nTokens);
  const offsets = new Int32Array(sessions.length + 1);
  let t = 0;
  sessions.forEach((s, i) => {
    for (let j = 0; j < s.length; j++) {
      const r = row.get(s[j]!);
      if (r !== undefined) tokens[t++] = r;
    }
    offsets[i + 1] = t;
  });
  const rowCounts = Float64Array.from(kept, (id) => counts.get(id)!);
  const { input, pairs } = trainSgns({ tokens: tokens.subarray(0, t), offsets }, rowCounts, p, rng);
  return new Item2VecModel(p, Int32Array.from(kept), rowCounts, input, {
    sessions: sessions.length,
    tokens: t,
    pairs,
    seed: options.seed,
  });
}
