/**
 * The codec of every model family, by `kind` (the table `contract.ts` and `package.ts` dispatch on),
 * including the calibrators (`platt`, `isotonic`: their JSON is the whole config, no binary file).
 *
 * @example
 * ```ts
 * import { codecFor, MODEL_CODECS } from "./contract_codecs.ts";
 * codecFor("gbdt").formatVersion; // 2
 * Object.keys(MODEL_CODECS).length; // 9
 * ```
 * @module
 */
import { type Calibrator, calibratorFromJSON } from "../calibration/calibrator.ts";
import { ModelFormatError } from "../errors.ts";
import type { ModelCodec } from "./contract_envelope.ts";
import { gbdtCodec } from "./gbdt/persist.ts";
import { item2vecCodec } from "./item2vec/persist.ts";
import { logisticCodec, poissonCodec, ridgeCodec } from "./linear/persist.ts";
import { twoTowerCodec } from "./two_tower/persist.ts";
import { wideDeepCodec } from "./wide_deep/persist.ts";

function calibratorCodec(kind: "platt" | "isotonic"): ModelCodec<Calibrator> {
  return {
    kind,
    formatVersion: 1,
    encode(calibrator) {
      const { version, ...json } = calibrator.toJSON();
      return { config: { ...json, formatVersion: version, featureNames: [], categorical: [] }, files: {} };
    },
    decode(config) {
      const { formatVersion, featureNames: _f, categorical: _c, ...json } = config;
      return calibratorFromJSON({ ...json, version: formatVersion });
    },
  };
}

/** Every family's codec by kind. */
export const MODEL_CODECS = {
  gbdt: gbdtCodec,
  logistic: logisticCodec,
  ridge: ridgeCodec,
  poisson: poissonCodec,
  wide_deep: wideDeepCodec,
  two_tower: twoTowerCodec,
  item2vec: item2vecCodec,
  platt: calibratorCodec("platt"),
  isotonic: calibratorCodec("isotonic"),
} as const;

/** A kind with a codec in {@link MODEL_CODECS}. */
export type FamilyKind = keyof typeof MODEL_CODECS;

/** The codec of `kind`; ModelFormatError (field `kind`) naming the known kinds otherwise. */
export function codecFor(kind: unknown): ModelCodec<unknown> {
  if (typeof kind === "string" && Object.hasOwn(MODEL_CODECS, kind)) {
    return MODEL_CODECS[kind as FamilyKind] as ModelCodec<unknown>;
  }
  throw new ModelFormatError(
    `unknown model kind ${JSON.stringify(kind)}; this code loads ${
      Object.keys(MODEL_CODECS).join(", ")
    }, package`,
    "kind",
  );
}
