/**
 * Saves an item2vec model under a folder and loads it back: `vectors.bin` (little-endian float32,
 * `nItems × dim`) and `config.json` (format version, params, item ids, counts, fit info, byte length
 * and FNV-1a checksum of `vectors.bin`), each written atomically, config last.
 *
 * @example
 * ```ts
 * import { loadItem2Vec, saveItem2Vec } from "./persist.ts";
 * import { fitItem2Vec } from "./fit.ts";
 * const model = fitItem2Vec([[1, 2], [2, 3]], { params: { dim: 4 }, seed: 1 });
 * const dir = await Deno.makeTempDir();
 * await saveItem2Vec(model, dir);
 * (await loadItem2Vec(dir)).similar(2, 1);
 * ```
 * @module
 */
import { ModelFormatError, NotFoundError } from "../../errors.ts";
import { writeBytesAtomic, writeJsonAtomic } from "../../io/atomic.ts";
import { ITEM2VEC_FORMAT_VERSION, type Item2VecFitInfo, Item2VecModel } from "./model.ts";
import { DEFAULT_ITEM2VEC_PARAMS, type Item2VecParams } from "./params.ts";

/** `config.json` of a saved item2vec model. */
export interface Item2VecConfigJSON {
  formatVersion: number;
  kind: "item2vec";
  params: Item2VecParams;
  itemIds: number[];
  counts: number[];
  fitInfo: Item2VecFitInfo;
  vectorsFile: "vectors.bin";
  vectorsBytes: number;
  vectorsChecksum: string;
}

function fnv1aHex(bytes: Uint8Array): string {
  let h = 2166136261;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 16777619);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** Writes `vectors.bin` then `config.json` under `dir`. */
export async function saveItem2Vec(model: Item2VecModel, dir: string): Promise<void> {
  const bytes = new Uint8Array(model.vectors.length * 4);
  const view = new DataView(bytes.buffer);
  model.vectors.forEach((v, i) => view.setFloat32(4 * i, v, true));
  await writeBytesAtomic(`${dir}/vectors.bin`, bytes);
  const config: Item2VecConfigJSON = {
    formatVersion: ITEM2VEC_FORMAT_VERSION,
    kind: "item2vec",
    params: { ...model.params },
    itemIds: Array.from(model.itemIds),
    counts: Array.from(model.counts),
    fitInfo: { ...model.fitInfo },
    vectorsFile: "vectors.bin",
    vectorsBytes: bytes.length,
    vectorsChecksum: fnv1aHex(bytes),
  };
  await writeJsonAtomic(`${dir}/config.json`, config);
}

async function readOrNotFound(path: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new NotFoundError(path, "item2vec model file");
    throw e;
  }
}

/** Loads a model saved by {@link saveItem2Vec}; NotFoundError / ModelFormatError on missing or inconsistent files. */
export async function loadItem2Vec(dir: string): Promise<Item2VecModel> {
  let c: Item2VecConfigJSON;
  try {
    c = JSON.parse(new TextDecoder().decode(await readOrNotFound(`${dir}/config.json`)));
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw new ModelFormatError(`config.json is not JSON: ${e.message}`, "config.json");
    }
    throw e;
  }
  if (c === null || typeof c !== "object" || c.kind !== "item2vec") {
    throw new ModelFormatError('config.json is not an item2vec model ({ kind: "item2vec" })', "kind");
  }
  if (c.formatVersion !== ITEM2VEC_FORMAT_VERSION) {
    throw new ModelFormatError(
      `unsupported item2vec format version ${c.formatVersion}; expected ${ITEM2VEC_FORMAT_VERSION}`,
      "formatVersion",
    );
  }
  const bytes = await readOrNotFound(`${dir}/${c.vectorsFile}`);
  if (bytes.length !== c.vectorsBytes || fnv1aHex(bytes) !== c.vectorsChecksum) {
    throw new ModelFormatError(
      "vectors.bin does not match config.json (length or checksum)",
      "vectorsChecksum",
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vectors = new Float32Array(bytes.length / 4);
  for (let i = 0; i < vectors.length; i++) vectors[i] = view.getFloat32(4 * i, true);
  const params = { ...DEFAULT_ITEM2VEC_PARAMS, ...c.params } as Item2VecParams;
  return new Item2VecModel(
    params,
    Int32Array.from(c.itemIds),
    Float64Array.from(c.counts),
    vectors,
    c.fitInfo,
  );
}
