/**
 * The registry's export hook: `(versionDir) => Promise<ExportReport>`. {@link exportPackage} loads the
 * model saved in a version directory (`loadModel`: a package from `lib/models/package.ts`, or any
 * single model bundle), exports it (a package's model + calibrator as one ONNX graph; a two-tower
 * model as its pair-scoring graph), runs the parity gate and, when it passes, writes `model.onnx` into the version
 * directory (atomically, beside the bundle, which ignores files it does not list). A model that is not
 * exportable gets no file (a stale one is removed) and a report saying why; the registry records it.
 *
 * @example
 * ```ts ignore
 * await savePackage(new PackagedModel({ model, calibrator }), versionDir);
 * const report = await exportPackage(versionDir);
 * report.exportable; // true → versionDir/model.onnx
 * ```
 * @module
 */
import { loadModel } from "../../models/contract.ts";
import { PackagedModel } from "../../models/package.ts";
import { type ExportableModel, type ExportReport, exportWithParity } from "./model_export.ts";
import type { ParityOptions } from "./parity.ts";
import { writeOnnx } from "./write.ts";

/** File name of the exported graph in a version directory. */
export const ONNX_FILE = "model.onnx";

/** Options of {@link exportPackage}. */
export interface ExportPackageOptions extends ParityOptions {
  /** Where the model bundle is (default: the version directory itself). */
  packageDir?: string;
}

/**
 * Exports the package in `versionDir` (see the module doc). NotFoundError / ModelFormatError when
 * there is no valid model bundle; every export or parity problem is in the report instead.
 */
export async function exportPackage(
  versionDir: string,
  options: ExportPackageOptions = {},
): Promise<ExportReport> {
  const loaded = await loadModel(options.packageDir ?? versionDir);
  const [model, calibrator] = loaded instanceof PackagedModel
    ? [loaded.model, loaded.calibrator]
    : [loaded, undefined];
  const { bytes, report } = await exportWithParity(model as unknown as ExportableModel, calibrator, options);
  const path = `${versionDir}/${ONNX_FILE}`;
  if (!report.exportable || bytes === undefined) {
    await Deno.remove(path).catch((e) => {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    });
    return report;
  }
  await writeOnnx(path, bytes);
  return { ...report, file: ONNX_FILE };
}
