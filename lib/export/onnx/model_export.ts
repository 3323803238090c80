/**
 * Export any supported model (with its calibrator) and run the parity gate: the registry's export
 * step. {@link exportWithParity} picks the family from the model's `kind` (or its shape), exports,
 * checks parity and returns the bytes with an {@link ExportReport}; a model that fails parity, or that
 * cannot be exported at all, comes back `exportable: false` with the reason, and no bytes.
 *
 * | model (`kind`)        | exporter           | graph input                          |
 * |-----------------------|--------------------|--------------------------------------|
 * | `gbdt` / tree models  | {@link exportGbdt}     | `features` float[batch, F] (training codes) |
 * | `logistic`            | {@link exportLogistic} | `features` float[batch, F]           |
 * | `two_tower`           | the scoring graph (both towers, `score = u · v`) | `user_*` and `item_*` tower inputs |
 * | `wide_deep`           | `wideDeepToOnnx` (the layer list, encoder in the metadata) | the encoder's `deep_ids`, `wide_ids`, `numeric` |
 *
 * @example
 * ```ts ignore
 * const { bytes, report } = await exportWithParity(model, calibrator);
 * if (report.exportable) await writeOnnx(`${dir}/model.onnx`, bytes!);
 * ```
 * @module
 */
import type { Calibrator } from "../../calibration/mod.ts";
import type { Matrix } from "../../data/types.ts";
import { exportGbdt, type GbdtLike } from "./gbdt_onnx.ts";
import { type LayerList, scoringLayerList } from "../../models/network/mod.ts";
import { InputError } from "../../errors.ts";
import { exportLogistic, type LogisticLike } from "./linear_onnx.ts";
import { exportNetwork } from "./network_onnx.ts";
import type { WideDeepModel } from "../../models/wide_deep/mod.ts";
import { wideDeepToOnnx } from "./wide_deep.ts";
import {
  checkOnnxParity,
  type MatrixPredictor,
  type ParityOptions,
  type ParityReport,
  type ParitySubject,
} from "./parity.ts";
import { decodeModel } from "./proto.ts";

/**
 * The parity gate's figures as the registry stores them (JSON-safe): the {@link ParityReport} with
 * `tolerance` as one number (the absolute tolerance on probabilities; `rawRelativeTolerance` beside
 * it), and a difference that is not finite (NaN on one side only, a missing output) written as
 * `Number.MAX_VALUE`, since JSON has no ∞.
 */
export interface ParitySummary extends Omit<ParityReport, "tolerance"> {
  tolerance: number;
  rawRelativeTolerance: number;
}

/** {@link ParitySummary} of a report. */
export function paritySummary(r: ParityReport): ParitySummary {
  const finite = (v: number) => (Number.isFinite(v) ? v : Number.MAX_VALUE);
  return {
    ...r,
    maxAbsDiff: finite(r.maxAbsDiff),
    maxRelDiff: finite(r.maxRelDiff),
    outputs: r.outputs.map((o) => ({
      ...o,
      maxAbsDiff: finite(o.maxAbsDiff),
      maxRelDiff: finite(o.maxRelDiff),
    })),
    tolerance: r.tolerance.probability,
    rawRelativeTolerance: r.tolerance.rawRelative,
  };
}

/** What the registry records about a version's ONNX export (its hook's report, plus family and sizes). */
export interface ExportReport {
  format: "onnx";
  /** True when the graph was built and passed the parity gate. */
  exportable: boolean;
  /** Model family exported (`gbdt`, `logistic`, `wide_deep`), or the kind that could not be. */
  family: string;
  /** File written by {@link exportPackage}-style callers (relative to the version dir), when exportable. */
  file?: string;
  /** Size of the ONNX file in bytes. */
  bytes?: number;
  /** Opsets the graph imports, e.g. `[{ domain: "", version: 17 }, { domain: "ai.onnx.ml", version: 5 }]`. */
  opsets?: { domain: string; version: number }[];
  exportMs?: number;
  parity?: ParitySummary;
  /** Why it is not exportable. */
  reason?: string;
}

/** A model any exporter here understands (structurally). */
export type ExportableModel =
  | (GbdtLike & MatrixPredictor & { kind?: string })
  | (LogisticLike & MatrixPredictor & { kind?: string })
  | ({ kind?: string; toLayerList(): LayerList; encode?(m: Matrix): unknown } & MatrixPredictor)
  | { kind?: string; describe(side: "user" | "item"): LayerList };

function familyOf(model: ExportableModel): "gbdt" | "logistic" | "wide_deep" | "two_tower" | undefined {
  const m = model as unknown as Record<string, unknown>;
  if ("ensemble" in m && typeof m.ensemble === "object") return "gbdt";
  if ("encoder" in m && "coefficients" in m && "intercept" in m) return "logistic";
  if (typeof m.toLayerList === "function") return "wide_deep";
  if (typeof m.describe === "function") return "two_tower";
  return undefined;
}

/** Exports `model` (+ `calibrator`), runs the parity gate; see the module doc. Never throws on a bad model. */
export async function exportWithParity(
  model: ExportableModel,
  calibrator?: Calibrator,
  options: ParityOptions = {},
): Promise<{ bytes?: Uint8Array; report: ExportReport }> {
  const family = familyOf(model);
  const kind = (model as { kind?: string }).kind ?? "unknown";
  if (family === undefined) {
    return {
      report: {
        format: "onnx",
        exportable: false,
        family: kind,
        reason: `no ONNX exporter for model kind "${kind}"`,
      },
    };
  }
  let bytes: Uint8Array, subject: ParitySubject;
  const t0 = performance.now();
  try {
    if (family === "gbdt") {
      const m = model as GbdtLike & MatrixPredictor;
      bytes = exportGbdt(m, { calibrator });
      subject = { kind: "gbdt", model: m, calibrator };
    } else if (family === "logistic") {
      const m = model as LogisticLike & MatrixPredictor;
      bytes = exportLogistic(m, { calibrator });
      subject = { kind: "logistic", model: m, calibrator };
    } else if (family === "two_tower") {
      if (calibrator !== undefined) {
        throw new InputError("calibrator", "a two-tower model scores pairs; it takes no calibrator");
      }
      const m = model as { describe(side: "user" | "item"): LayerList };
      const g = scoringLayerList(m.describe("user"), m.describe("item"));
      bytes = exportNetwork(g, {
        model: {
          docString:
            "Two-tower scoring graph: user_* and item_* inputs → score (u · v) and both L2-normalised embeddings",
          metadata: { kind: "two_tower" },
        },
      });
      subject = { kind: "network", layerList: g, family, probabilityOutputs: [] };
    } else {
      const g = (model as { toLayerList(): LayerList }).toLayerList();
      bytes = "encoder" in model && "weights" in model
        ? wideDeepToOnnx(model as unknown as WideDeepModel, { calibrator })
        : exportNetwork(g, { calibrator });
      subject = { kind: "network", layerList: g, calibrator, family };
    }
  } catch (e) {
    return {
      report: { format: "onnx", exportable: false, family, reason: `export failed: ${(e as Error).message}` },
    };
  }
  const exportMs = performance.now() - t0;
  const opsets = (decodeModel(bytes).opsetImport ?? []).map((o) => ({
    domain: o.domain ?? "",
    version: Number(o.version),
  }));
  let parity: ParityReport;
  try {
    parity = await checkOnnxParity(subject, bytes, options);
  } catch (e) {
    return {
      report: {
        format: "onnx",
        exportable: false,
        family,
        bytes: bytes.length,
        opsets,
        exportMs,
        reason: `parity check failed to run: ${(e as Error).message}`,
      },
    };
  }
  const report: ExportReport = {
    format: "onnx",
    exportable: parity.pass,
    family,
    bytes: bytes.length,
    opsets,
    exportMs,
    parity: paritySummary(parity),
  };
  if (!parity.pass) return { report: { ...report, reason: `parity: ${parity.failures.join("; ")}` } };
  return { bytes, report };
}
