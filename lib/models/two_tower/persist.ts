/**
 * Save and load a two-tower model under a folder (e.g. `models/feed_two_tower/`), loadable without
 * retraining:
 *
 * - `weights.bin`: every array (towers, embedding matrices, popularity) as little-endian float32,
 *   concatenated in the order listed in the config's `tensors`;
 * - `config.json`: {@link TwoTowerConfig} + the tensor manifest + byte length and FNV-1a checksum of
 *   `weights.bin`;
 * - `user_tower.onnx`, `item_tower.onnx` (unless `onnx: false`): each tower for onnxruntime
 *   ({@link TwoTowerModel.toOnnx}); written after the config and not read back by {@link loadTwoTower}.
 *
 * Both files are written atomically, weights first and config last, so a reader sees either the old
 * model or the new one; a config that does not match its weights (an interrupted save, a truncated copy)
 * is a ModelFormatError on load, never a silently wrong model.
 *
 * @example
 * ```ts ignore
 * await saveTwoTower(model, "models/feed_two_tower");
 * const again = await loadTwoTower("models/feed_two_tower");
 * ```
 * @module
 */
import { ModelFormatError, NotFoundError } from "../../errors.ts";
import { writeOnnx } from "../../export/onnx/mod.ts";
import { writeBytesAtomic, writeJsonAtomic } from "../../io/atomic.ts";
import { type TwoTowerConfig, TwoTowerModel } from "./model.ts";
import type { DenseWeights, TowerWeights } from "./tower.ts";

/** One array in weights.bin. */
interface TensorEntry {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
}

interface SavedConfig extends TwoTowerConfig {
  readonly tensors: readonly TensorEntry[];
  readonly weightsBytes: number;
  readonly weightsFnv1a: string;
  readonly towers: Record<
    "user" | "item",
    {
      nIds: number;
      idDim: number;
      featureDim: number;
      dense: { inDim: number; outDim: number; activation: "relu" | "linear" }[];
    }
  >;
}

if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
  throw new Error("two-tower persistence assumes a little-endian host");
}

/** FNV-1a 32-bit hash of bytes, hex. */
export function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

function towerArrays(side: string, t: TowerWeights): [string, Float32Array][] {
  return [
    [`${side}/id_embedding`, t.idEmbedding],
    ...t.catEmbeddings.map((e, k): [string, Float32Array] => [`${side}/cat_${k}`, e]),
    [`${side}/numeric_mean`, t.numericMean],
    [`${side}/numeric_scale`, t.numericScale],
    ...t.dense.flatMap((
      d,
      l,
    ): [string, Float32Array][] => [[`${side}/dense_${l}/w`, d.w], [`${side}/dense_${l}/b`, d.b]]),
  ];
}

/** Writes `dir/weights.bin` then `dir/config.json`. */
export async function saveTwoTower(
  model: TwoTowerModel,
  dir: string,
  options: { onnx?: boolean } = {},
): Promise<void> {
  const arrays: [string, Float32Array][] = [
    ...towerArrays("user", model.userTower),
    ...towerArrays("item", model.itemTower),
    ["user_embeddings", model.userEmbeddings],
    ["item_embeddings", model.itemEmbeddings],
    ["item_popularity", Float32Array.from(model.itemPopularity)],
  ];
  const total = arrays.reduce((s, [, a]) => s + a.length, 0);
  const all = new Float32Array(total), tensors: TensorEntry[] = [];
  let offset = 0;
  for (const [name, a] of arrays) {
    all.set(a, offset);
    tensors.push({ name, offset, length: a.length });
    offset += a.length;
  }
  const bytes = new Uint8Array(all.buffer);
  const shape = (t: TowerWeights) => ({
    nIds: t.nIds,
    idDim: t.idDim,
    featureDim: t.featureDim,
    dense: t.dense.map((d) => ({ inDim: d.inDim, outDim: d.outDim, activation: d.activation })),
  });
  const config: SavedConfig = {
    ...model.config,
    tensors,
    weightsBytes: bytes.length,
    weightsFnv1a: fnv1a(bytes),
    towers: { user: shape(model.userTower), item: shape(model.itemTower) },
  };
  await writeBytesAtomic(`${dir}/weights.bin`, bytes);
  await writeJsonAtomic(`${dir}/config.json`, config);
  if (options.onnx ?? true) {
    for (const side of ["user", "item"] as const) {
      await writeOnnx(`${dir}/${side}_tower.onnx`, model.toOnnx(side));
    }
  }
}

/** Loads a model saved by {@link saveTwoTower}. */
export async function loadTwoTower(dir: string): Promise<TwoTowerModel> {
  let text: string, bytes: Uint8Array;
  try {
    text = await Deno.readTextFile(`${dir}/config.json`);
    bytes = await Deno.readFile(`${dir}/weights.bin`);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new NotFoundError(`two-tower model in ${dir}`, (e as Error).message);
    }
    throw e;
  }
  let config: SavedConfig;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new ModelFormatError(`${dir}/config.json is not JSON: ${(e as Error).message}`);
  }
  if (config.format !== "two-tower" || config.version !== 1) {
    throw new ModelFormatError(
      `${dir}: expected format "two-tower" version 1, got ${config.format} ${config.version}`,
      "format",
    );
  }
  if (bytes.length !== config.weightsBytes || fnv1a(bytes) !== config.weightsFnv1a) {
    throw new ModelFormatError(
      `${dir}/weights.bin does not match config.json (size or checksum); the save was interrupted or the files mixed`,
      "weights",
    );
  }
  try {
    return fromConfig(dir, config, bytes);
  } catch (e) {
    if (e instanceof ModelFormatError) throw e;
    throw new ModelFormatError(`${dir}/config.json is malformed: ${(e as Error).message}`);
  }
}

/** Rebuilds the model from a parsed config and verified weights. */
function fromConfig(dir: string, config: SavedConfig, bytes: Uint8Array): TwoTowerModel {
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4).slice();
  const byName = new Map(config.tensors.map((t) => [t.name, all.subarray(t.offset, t.offset + t.length)]));
  const get = (name: string, length?: number) => {
    const a = byName.get(name);
    if (a === undefined) throw new ModelFormatError(`${dir}: tensor "${name}" missing`, "tensors");
    if (length !== undefined && a.length !== length) {
      throw new ModelFormatError(
        `${dir}: tensor "${name}" has ${a.length} values, expected ${length}`,
        "tensors",
      );
    }
    return a;
  };
  const tower = (side: "user" | "item", nCat: number): TowerWeights => {
    const s = config.towers[side];
    const dense: DenseWeights[] = s.dense.map((d, l) => ({
      ...d,
      w: get(`${side}/dense_${l}/w`, d.inDim * d.outDim),
      b: get(`${side}/dense_${l}/b`, d.outDim),
    }));
    return {
      nIds: s.nIds,
      idDim: s.idDim,
      featureDim: s.featureDim,
      idEmbedding: get(`${side}/id_embedding`, (s.nIds + 1) * s.idDim),
      catEmbeddings: Array.from({ length: nCat }, (_, k) => get(`${side}/cat_${k}`)),
      numericMean: get(`${side}/numeric_mean`),
      numericScale: get(`${side}/numeric_scale`),
      dense,
    };
  };
  const { tensors: _t, weightsBytes: _b, weightsFnv1a: _f, towers: _w, ...modelConfig } = config;
  const d = config.params.embeddingDim;
  return new TwoTowerModel(
    modelConfig,
    tower("user", config.userSpec.categorical.length),
    tower("item", config.itemSpec.categorical.length),
    get("user_embeddings", config.nUsers * d),
    get("item_embeddings", config.nItems * d),
    Float64Array.from(get("item_popularity", config.nItems)),
  );
}
