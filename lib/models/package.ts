/**
 * A packaged model: what gets registered, shipped and served as one unit. It holds
 *
 * - the model (any {@link Scorer} family: GBDT, logistic regression, wide & deep),
 * - an optional calibrator (Platt or isotonic) applied to the model's probabilities,
 * - the feature list (the model's input columns, in order),
 * - lineage: a free-form JSON record of where it came from (data snapshot hash, feature definitions
 *   hash, params, metrics, code commit, simulator name/seed/scale, …).
 *
 * {@link savePackage} writes one self-contained bundle directory (`lib/io/bundle.ts`): the package's
 * config holds the model's own config, the calibrator and the lineage; the model's binary files are
 * stored beside it prefixed `model.`. Copy the directory anywhere and {@link loadPackage} reads it
 * back; `predict` applies the calibrator.
 *
 * @example
 * ```ts
 * import { fitGbdt } from "./gbdt/mod.ts";
 * import { fitCalibrator } from "../calibration/mod.ts";
 * import { loadPackage, PackagedModel, savePackage } from "./package.ts";
 * const values = Float32Array.from({ length: 400 }, (_, i) => (i % 40) / 4);
 * const matrix = { nRows: 400, nCols: 1, values, featureNames: ["x"] };
 * const labels = Float64Array.from(values, (x, i) => (x > 5 !== (i % 7 === 0) ? 1 : 0));
 * const model = fitGbdt({ matrix, labels }, { params: { objective: "binary", nEstimators: 10 } });
 * const calibrator = fitCalibrator("platt", model.predict(matrix), labels);
 * const pkg = new PackagedModel({ model, calibrator, lineage: { data: "sha256:…", seed: 1 } });
 * const dir = (await Deno.makeTempDir()) + "/pkg";
 * await savePackage(pkg, dir);
 * (await loadPackage(dir)).predict(matrix)[0] === pkg.predict(matrix)[0]; // true
 * ```
 * @module
 */
import type { Matrix } from "../data/types.ts";
import { InputError, ModelFormatError } from "../errors.ts";
import { readBundle, writeBundle } from "../io/bundle.ts";
import { type Calibrator, calibratorFromJSON } from "../calibration/calibrator.ts";
import { codecFor } from "./contract_codecs.ts";
import { checkEnvelope, type EncodedModel, type ModelCodec } from "./contract_envelope.ts";
import type { Scorer } from "./contract_scorer.ts";

/** Version of the package config this code writes and reads. */
export const PACKAGE_FORMAT_VERSION = 1;

/** A JSON value (lineage entries). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What a package is made of. */
export interface PackageParts {
  readonly model: Scorer;
  readonly calibrator?: Calibrator;
  /** Free-form provenance (JSON-safe). */
  readonly lineage?: Readonly<Record<string, JsonValue>>;
}

const MODEL_PREFIX = "model.";

/** A model with its calibrator, feature list and lineage; see the module doc. */
export class PackagedModel implements Scorer {
  /** Model family, the key of the model contract (`./contract.ts`). */
  readonly kind = "package" as const;
  readonly model: Scorer;
  readonly calibrator?: Calibrator;
  readonly lineage: Readonly<Record<string, JsonValue>>;

  constructor(parts: PackageParts) {
    this.model = parts.model;
    this.calibrator = parts.calibrator;
    this.lineage = structuredClone(parts.lineage ?? {});
    if (parts.model.kind === "package") {
      throw new InputError("model", "a package cannot hold another package");
    }
  }

  /** The model's input columns, in order. */
  get featureNames(): readonly string[] {
    return this.model.featureNames;
  }

  /** The model's raw output (margins / logits), before its link and the calibrator. */
  predictRaw(matrix: Matrix): Float64Array {
    return this.model.predictRaw(matrix);
  }

  /** The model's predictions, calibrated when the package has a calibrator (one output per row then). */
  predict(matrix: Matrix): Float64Array {
    const p = this.model.predict(matrix);
    if (!this.calibrator) return p;
    if (p.length !== matrix.nRows) {
      throw new InputError(
        "calibrator",
        `applies to one probability per row; the model gives ${p.length / matrix.nRows}`,
      );
    }
    return this.calibrator.predict(p);
  }
}

/** The package codec: the model's config nested, its files prefixed `model.`. */
export const packageCodec: ModelCodec<PackagedModel> = {
  kind: "package",
  formatVersion: PACKAGE_FORMAT_VERSION,
  encode(pkg) {
    const inner = codecFor(pkg.model.kind).encode(pkg.model) as EncodedModel;
    const files: Record<string, Uint8Array> = {};
    for (const [name, bytes] of Object.entries(inner.files)) files[MODEL_PREFIX + name] = bytes;
    return {
      config: {
        kind: "package",
        formatVersion: PACKAGE_FORMAT_VERSION,
        featureNames: [...inner.config.featureNames],
        categorical: structuredClone(inner.config.categorical),
        model: inner.config,
        calibrator: pkg.calibrator ? pkg.calibrator.toJSON() : null,
        lineage: structuredClone(pkg.lineage) as Record<string, JsonValue>,
      },
      files,
    };
  },
  decode(config, files) {
    const inner = config.model as Record<string, unknown> | null;
    if (inner === null || typeof inner !== "object") {
      throw new ModelFormatError('package config needs the model\'s config under "model"', "model");
    }
    const codec = codecFor(inner.kind);
    checkEnvelope(inner, codec);
    const modelFiles: Record<string, Uint8Array> = {};
    for (const [name, bytes] of Object.entries(files)) {
      if (name.startsWith(MODEL_PREFIX)) modelFiles[name.slice(MODEL_PREFIX.length)] = bytes;
    }
    const model = codec.decode(inner, modelFiles) as Scorer;
    if (typeof model.predict !== "function" || typeof model.predictRaw !== "function") {
      throw new ModelFormatError(`a package holds a scorer; a ${inner.kind} model is not one`, "model.kind");
    }
    const lineage = config.lineage ?? {};
    if (lineage === null || typeof lineage !== "object" || Array.isArray(lineage)) {
      throw new ModelFormatError("package lineage must be an object", "lineage");
    }
    return new PackagedModel({
      model,
      calibrator: config.calibrator == null ? undefined : calibratorFromJSON(config.calibrator),
      lineage: lineage as Record<string, JsonValue>,
    });
  },
};

/** Writes the package as one self-contained bundle directory at `dir` (atomically). */
export async function savePackage(pkg: PackagedModel, dir: string): Promise<void> {
  const { config, files } = packageCodec.encode(pkg);
  await writeBundle(dir, config, files);
}

/** Loads a package written by {@link savePackage}; NotFoundError / ModelFormatError naming the problem. */
export async function loadPackage(dir: string): Promise<PackagedModel> {
  const { config, files } = await readBundle(dir);
  checkEnvelope(config, packageCodec);
  return packageCodec.decode(config, files);
}
