/**
 * The model contract: one envelope, one bundle format, one loader for every family.
 *
 * - **Envelope** ({@link ModelEnvelope}): every saved config starts with `kind`, `formatVersion`,
 *   `featureNames` and `categorical` metadata.
 * - **Bundle** (`lib/io/bundle.ts`): a directory with a checksummed `config.json` and binary files,
 *   written atomically and verified on read.
 * - **Shapes**: a {@link Scorer} (`predict` / `predictRaw` on a Matrix: GBDT, logistic regression,
 *   wide & deep, packages) or a `Recommender` (two-tower); item2vec answers neighbour queries and the
 *   calibrators map probabilities.
 * - **{@link saveModel} / {@link loadModel}** dispatch on `kind`. Loading rejects an unknown kind, a
 *   `formatVersion` newer than this code supports, a corrupted or truncated file, and any weight,
 *   threshold or leaf value that is not a finite number, with a ModelFormatError naming the problem.
 *
 * `_model_contract.ts` checks all of this over every family (`contract_test.ts`).
 *
 * @example
 * ```ts
 * import { loadModel, saveModel } from "./contract.ts";
 * import { fitLogistic } from "./linear/mod.ts";
 * const matrix = { nRows: 4, nCols: 1, values: Float32Array.of(0, 1, 2, 3), featureNames: ["x"] };
 * const model = fitLogistic({ matrix, labels: [0, 1, 0, 1] });
 * const dir = await Deno.makeTempDir();
 * await saveModel(model, dir);
 * const back = await loadModel(dir);
 * back.kind; // "logistic"
 * ```
 * @module
 */
import type { Calibrator } from "../calibration/calibrator.ts";
import { InputError } from "../errors.ts";
import { readBundle, writeBundle } from "../io/bundle.ts";
import { codecFor, type FamilyKind, MODEL_CODECS } from "./contract_codecs.ts";
import { checkEnvelope, type ModelCodec } from "./contract_envelope.ts";
import type { GbdtModel } from "./gbdt/model.ts";
import type { Item2VecModel } from "./item2vec/model.ts";
import type { LogisticModel } from "./linear/model.ts";
import type { PoissonModel } from "./linear/poisson_model.ts";
import type { RidgeModel } from "./linear/ridge_model.ts";
import { packageCodec, type PackagedModel } from "./package.ts";
import type { TwoTowerModel } from "./two_tower/model.ts";
import type { WideDeepModel } from "./wide_deep/model.ts";

export type { CategoricalMeta, EncodedModel, ModelCodec, ModelEnvelope } from "./contract_envelope.ts";
export { checkEnvelope } from "./contract_envelope.ts";
export { isScorer, type Scorer } from "./contract_scorer.ts";
export { codecFor, type FamilyKind, MODEL_CODECS } from "./contract_codecs.ts";

/** Every model the contract saves and loads. */
export type Model =
  | GbdtModel
  | LogisticModel
  | RidgeModel
  | PoissonModel
  | WideDeepModel
  | TwoTowerModel
  | Item2VecModel
  | Calibrator
  | PackagedModel;

/** The kinds {@link loadModel} reads. */
export const MODEL_KINDS: readonly string[] = [...Object.keys(MODEL_CODECS), "package"];

function codecOf(kind: unknown): ModelCodec<unknown> {
  return kind === "package" ? (packageCodec as ModelCodec<unknown>) : codecFor(kind);
}

/** Saves any model as a bundle at `dir` (atomically), by its `kind`. InputError for an object without a known kind. */
export async function saveModel(model: Model, dir: string): Promise<void> {
  const kind = (model as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string" || !MODEL_KINDS.includes(kind)) {
    throw new InputError(
      "model",
      `has no known kind (${JSON.stringify(kind)}); expected one of ${MODEL_KINDS.join(", ")}`,
    );
  }
  const { config, files } = codecOf(kind).encode(model);
  await writeBundle(dir, config, files);
}

/**
 * Loads the model saved at `dir`, whatever its family. NotFoundError when files are missing;
 * ModelFormatError for an unknown kind, a newer formatVersion, corruption or a non-finite number.
 * Narrow the result with its `kind` (`if (m.kind === "gbdt") …`) or {@link isScorer}.
 */
export async function loadModel(dir: string): Promise<Model> {
  const { config, files } = await readBundle(dir);
  const codec = codecOf(config.kind);
  checkEnvelope(config, codec);
  return codec.decode(config, files) as Model;
}

/** The kind of the model saved at `dir` (the bundle is verified, the model not decoded). */
export async function modelKind(dir: string): Promise<FamilyKind | "package"> {
  const { config } = await readBundle(dir);
  codecOf(config.kind);
  return config.kind as FamilyKind | "package";
}
