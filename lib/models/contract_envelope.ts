/**
 * The envelope every saved model's config starts with, and the codec each family provides to turn a
 * model into a bundle (`lib/io/bundle.ts`: a checksummed JSON config plus binary files) and back. The
 * families' `persist.ts` files implement {@link ModelCodec}; `contract.ts` dispatches on `kind`.
 *
 * @example
 * ```ts
 * import { checkEnvelope } from "./contract_envelope.ts";
 * const codec = { kind: "demo", formatVersion: 2, minFormatVersion: 1 };
 * checkEnvelope({ kind: "demo", formatVersion: 1 }, codec); // fine
 * try { checkEnvelope({ kind: "demo", formatVersion: 3 }, codec); } catch (e) { (e as Error).message; } // newer
 * ```
 * @module
 */
import type { CategoricalInfo } from "../data/types.ts";
import { ModelFormatError } from "../errors.ts";
import { readBundle, writeBundle } from "../io/bundle.ts";

/** Categorical metadata of one input feature. */
export interface CategoricalMeta {
  /** Index of the feature in `featureNames`. */
  feature: number;
  /** Training category strings in code order, when the training data had them. */
  categories?: string[];
}

/** The fields every model config starts with. */
export interface ModelEnvelope {
  /** Model family: `gbdt`, `logistic`, `wide_deep`, `two_tower`, `item2vec`, `platt`, `isotonic`, `package`. */
  kind: string;
  /** Version of this family's config schema (an integer ≥ 1). */
  formatVersion: number;
  /** Input columns, in order (a Scorer's Matrix columns; the tower inputs of a recommender; [] if none). */
  featureNames: string[];
  /** Which of them are categorical, with their training strings. */
  categorical: CategoricalMeta[];
}

/** A model turned into bundle contents. */
export interface EncodedModel {
  config: ModelEnvelope & Record<string, unknown>;
  files: Record<string, Uint8Array>;
}

/** How one family saves and loads (pure: no I/O; the bundle does that). */
export interface ModelCodec<M> {
  readonly kind: string;
  /** Version written, and the newest read. */
  readonly formatVersion: number;
  /** Oldest version read (default {@link formatVersion}). */
  readonly minFormatVersion?: number;
  encode(model: M): EncodedModel;
  /** Rebuilds the model; ModelFormatError naming the field on anything malformed or non-finite. */
  decode(config: Record<string, unknown>, files: Record<string, Uint8Array>): M;
}

/**
 * Throws ModelFormatError unless `config` is of the codec's kind and a version it reads: a newer
 * version says so (this code is older than the file), as does an older one it no longer reads.
 */
export function checkEnvelope(
  config: Record<string, unknown>,
  codec: Pick<ModelCodec<unknown>, "kind" | "formatVersion" | "minFormatVersion">,
): void {
  if (config.kind !== codec.kind) {
    throw new ModelFormatError(
      `expected a ${codec.kind} model, got kind ${JSON.stringify(config.kind)}`,
      "kind",
    );
  }
  const v = config.formatVersion, min = codec.minFormatVersion ?? codec.formatVersion;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    throw new ModelFormatError(
      `${codec.kind} formatVersion ${JSON.stringify(v)} is not an integer ≥ 1`,
      "formatVersion",
    );
  }
  if (v > codec.formatVersion) {
    throw new ModelFormatError(
      `${codec.kind} formatVersion ${v} is newer than this code supports (${codec.formatVersion}); update the code to load it`,
      "formatVersion",
    );
  }
  if (v < min) {
    throw new ModelFormatError(
      `${codec.kind} formatVersion ${v} is older than this code reads (${min} to ${codec.formatVersion})`,
      "formatVersion",
    );
  }
}

/** The envelope's categorical metadata from a list of categorical features and their vocabularies. */
export function categoricalMeta(
  features: Iterable<number>,
  vocabulary: readonly { feature: number; categories: readonly string[] }[] = [],
): CategoricalMeta[] {
  const strings = new Map(vocabulary.map((v) => [v.feature, v.categories]));
  return [...features].sort((a, b) => a - b).map((feature) => {
    const categories = strings.get(feature);
    return categories ? { feature, categories: [...categories] } : { feature };
  });
}

/** The envelope's categorical metadata of a Matrix-style categorical list. */
export function categoricalMetaOf(categorical: readonly CategoricalInfo[]): CategoricalMeta[] {
  return categoricalMeta(categorical.map((c) => c.feature), categorical);
}

/** Saves `model` at `dir` as a bundle with `codec`. */
export async function saveWithCodec<M>(codec: ModelCodec<M>, model: M, dir: string): Promise<void> {
  const { config, files } = codec.encode(model);
  await writeBundle(dir, config, files);
}

/** Loads the bundle at `dir` with `codec` (kind and version checked first). */
export async function loadWithCodec<M>(codec: ModelCodec<M>, dir: string): Promise<M> {
  const { config, files } = await readBundle(dir);
  checkEnvelope(config, codec);
  return codec.decode(config, files);
}
