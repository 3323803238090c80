/**
 * File input and output shared by the engine: atomic writes (temp file + rename), so a reader never
 * sees a half-written file and a crash never destroys the previous version; and the artifact bundle,
 * the one on-disk format of saved models (a checksummed JSON config plus binary files, written as a
 * whole, verified on read).
 * @module
 */
export { tempPathFor, withAtomicPath, writeBytesAtomic, writeJsonAtomic, writeTextAtomic } from "./atomic.ts";
export {
  type Bundle,
  BUNDLE_CONFIG_FILE,
  BUNDLE_VERSION,
  type BundleFileEntry,
  readBundle,
  sha256Hex,
  writeBundle,
} from "./bundle.ts";
export {
  packTensors,
  requireTensor,
  type TensorData,
  type TensorDtype,
  type TensorEntry,
  unpackTensors,
} from "./bundle_tensors.ts";
export { canonicalJson, ContentHash, hashBytes, hashFile, hashJson } from "./content_hash.ts";
export {
  type CsvReadOptions,
  type CsvReadStats,
  type CsvRecord,
  parseCsvText,
  readCsv,
} from "./csv_stream.ts";
