/**
 * Stratified k-fold: each fold holds every class in (almost) the proportion of the whole data. Labels
 * may be binary or multiclass (any finite numbers; each distinct value is a class).
 *
 * The rule: classes in ascending label order; the rows of each class, shuffled (seeded, one {@link Rng}
 * for all classes in turn) or in row order without `shuffle`, are dealt round-robin to the folds, the
 * dealing carrying on from one class to the next. So fold f holds ⌊n_c/k⌋ or ⌈n_c/k⌉ rows of each
 * class c (within one of n_c/k), and the fold sizes differ by at most one.
 *
 * @example
 * ```ts
 * import { stratifiedKFold } from "./stratified_k_fold.ts";
 * const folds = stratifiedKFold([0, 0, 0, 0, 1, 1], { k: 2, seed: 1 });
 * folds.map((f) => f.test.length); // [3, 3]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { Rng } from "../random/mod.ts";
import { checkShuffle, type ShuffleOptions } from "./_check.ts";
import { type Fold, foldsFromAssignment } from "./fold.ts";

/** Options of {@link stratifiedKFold}. */
export type StratifiedKFoldOptions = ShuffleOptions;

/**
 * Fold id of each row (see the module doc).
 * @throws InputError on a non-finite label, fewer than 2 classes, a class with fewer than k rows, or a
 *   bad `k`, `shuffle` or `seed`
 */
export function stratifiedKFoldAssignment(
  labels: ArrayLike<number>,
  options: StratifiedKFoldOptions,
): Int32Array {
  const { k } = options;
  if (!Number.isInteger(k) || k < 2) throw new InputError("k", `must be an integer >= 2, got ${k}`);
  checkShuffle(options);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (!Number.isFinite(y)) {
      throw new InputError("labels", `value at index ${i} is ${y}; expected a finite class label`);
    }
    let rows = byClass.get(y);
    if (!rows) byClass.set(y, rows = []);
    rows.push(i);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  if (classes.length < 2) {
    throw new InputError("labels", `need at least 2 classes to stratify, got ${classes.length}`);
  }
  const small = classes.filter((c) => byClass.get(c)!.length < k);
  if (small.length > 0) {
    const counts = classes.map((c) => `${c}: ${byClass.get(c)!.length}`).join(", ");
    throw new InputError(
      "labels",
      `every class needs at least k = ${k} rows so that each fold holds it (rows per class ${counts})`,
    );
  }
  const out = new Int32Array(labels.length);
  const rng = options.shuffle === false ? null : new Rng(options.seed ?? 0);
  let next = 0;
  for (const c of classes) {
    const rows = byClass.get(c)!;
    if (rng) rng.shuffle(rows);
    for (const i of rows) out[i] = next++ % k;
  }
  return out;
}

/** The k folds of {@link stratifiedKFoldAssignment}. */
export function stratifiedKFold(labels: ArrayLike<number>, options: StratifiedKFoldOptions): Fold[] {
  return foldsFromAssignment(stratifiedKFoldAssignment(labels, options), options.k);
}
