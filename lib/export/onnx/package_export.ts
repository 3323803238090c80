/**
 * The registry's export hook: `(versionDir) => Promise<ExportReport>`. {@link exportPackage} loads the
 * packaged model saved in a version directory (`lib/models/package.ts`), exports model + calibrator as
 * one ONNX graph, runs the parity gate and, when it passes, writes `model.onnx` into the version
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
import { loadPackage } from "../../models/package.ts";
import { type ExportableModel, type ExportReport, exportWithParity } from "./model_export.ts";
import type { ParityOptions } from "./parity.ts";
import { writeOnnx } from "./write.ts";

/** File name of the exported graph in a version directory. */
export const ONNX_FILE = "model.onnx";

/** Options of {@link exportPackage}. */
export interface ExportPackageOptions extends ParityOptions {
  /** Where the package bundle is (default: the version directory itself). */
  packageDir?: string;
}

/**
 * Exports the package in `versionDir` (see the module doc). NotFoundError / ModelFormatError when
 * there is no valid package; every export or parity problem is in the report instead.
 */
export async function exportPackage(
  versionDir: string,
  options: ExportPackageOptions = {},
): Promise<ExportReport> {
  const pkg = await loadPackage(options.packageDir ?? versionDir);
  const { bytes, report } = await exportWithParity(
    pkg.model as unknown as ExportableModel,
    pkg.calibrator,
    options,
  );
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
