/**
 * Named numeric arrays in one binary bundle file: little-endian, concatenated in order, each aligned
 * to 8 bytes, described by a JSON manifest the model keeps in its bundle config:
 * `[{ name, dtype, offset, length }]` (offset in bytes, length in elements).
 *
 * {@link unpackTensors} checks the manifest against the bytes (known dtype, in range, no overlap,
 * names unique) and, unless told otherwise, that every float is finite, naming the tensor and index
 * (`weights.bin: tensor "dense_0.kernel"[17] is NaN`), all as ModelFormatError.
 *
 * @example
 * ```ts
 * import { packTensors, unpackTensors } from "./bundle_tensors.ts";
 * const { bytes, tensors } = packTensors([{ name: "w", data: Float32Array.of(1, 2) }]);
 * unpackTensors(bytes, tensors, "weights.bin").get("w"); // Float32Array [1, 2]
 * ```
 * @module
 */
import { ModelFormatError } from "../errors.ts";

/** Element types of a tensor. */
export type TensorDtype = "float32" | "float64" | "int32";

/** A typed array of one of the {@link TensorDtype}s. */
export type TensorData = Float32Array | Float64Array | Int32Array;

/** One tensor in the manifest. */
export interface TensorEntry {
  readonly name: string;
  readonly dtype: TensorDtype;
  /** Byte offset in the file (a multiple of 8). */
  readonly offset: number;
  /** Number of elements. */
  readonly length: number;
}

const SIZE: Record<TensorDtype, number> = { float32: 4, float64: 8, int32: 4 };

function dtypeOf(a: TensorData): TensorDtype {
  if (a instanceof Float32Array) return "float32";
  if (a instanceof Float64Array) return "float64";
  return "int32";
}

/** Concatenates the tensors (little-endian, 8-byte aligned) and describes them. */
export function packTensors(
  list: readonly { readonly name: string; readonly data: TensorData }[],
): { bytes: Uint8Array; tensors: TensorEntry[] } {
  const tensors: TensorEntry[] = [];
  let offset = 0;
  for (const { name, data } of list) {
    const dtype = dtypeOf(data);
    tensors.push({ name, dtype, offset, length: data.length });
    offset += Math.ceil((data.length * SIZE[dtype]) / 8) * 8;
  }
  const bytes = new Uint8Array(offset);
  const view = new DataView(bytes.buffer);
  list.forEach(({ data }, t) => {
    const { dtype, offset: o } = tensors[t]!;
    for (let i = 0; i < data.length; i++) {
      if (dtype === "float32") view.setFloat32(o + 4 * i, data[i]!, true);
      else if (dtype === "float64") view.setFloat64(o + 8 * i, data[i]!, true);
      else view.setInt32(o + 4 * i, data[i]!, true);
    }
  });
  return { bytes, tensors };
}

/**
 * Reads the tensors a manifest describes out of `bytes` (the file `file`, named in errors). Floats
 * must be finite unless their name is in `allowNonFinite`.
 */
export function unpackTensors(
  bytes: Uint8Array,
  manifest: unknown,
  file: string,
  allowNonFinite: ReadonlySet<string> = new Set(),
): Map<string, TensorData> {
  const fail = (problem: string): never => {
    throw new ModelFormatError(`${file}: ${problem}`, file);
  };
  if (!Array.isArray(manifest)) fail("the tensor manifest must be a list");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, TensorData>();
  let end = 0;
  (manifest as TensorEntry[]).forEach((t, k) => {
    if (t === null || typeof t !== "object" || typeof t.name !== "string") fail(`tensor ${k} has no name`);
    const { name, dtype, offset, length } = t;
    if (out.has(name)) fail(`tensor "${name}" is listed twice`);
    if (!(dtype in SIZE)) fail(`tensor "${name}" has unknown dtype ${JSON.stringify(dtype)}`);
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < end || length < 0) {
      fail(`tensor "${name}" has a bad offset ${offset} or length ${length}`);
    }
    const size = SIZE[dtype];
    if (offset + length * size > bytes.length) {
      fail(`tensor "${name}" (${length} × ${dtype} at ${offset}) runs past the file's ${bytes.length} bytes`);
    }
    end = offset + length * size;
    const data = dtype === "float32"
      ? new Float32Array(length)
      : dtype === "float64"
      ? new Float64Array(length)
      : new Int32Array(length);
    for (let i = 0; i < length; i++) {
      data[i] = dtype === "float32"
        ? view.getFloat32(offset + 4 * i, true)
        : dtype === "float64"
        ? view.getFloat64(offset + 8 * i, true)
        : view.getInt32(offset + 4 * i, true);
    }
    if (dtype !== "int32" && !allowNonFinite.has(name)) {
      for (let i = 0; i < length; i++) {
        if (!Number.isFinite(data[i]!)) {
          fail(`tensor "${name}"[${i}] is ${data[i]}; expected a finite number`);
        }
      }
    }
    out.set(name, data);
  });
  return out;
}

/**
 * The tensor `name` of `tensors`, of type `dtype` (default float32) and of `length` elements when
 * given; ModelFormatError otherwise.
 */
export function requireTensor<T extends TensorData = Float32Array>(
  tensors: Map<string, TensorData>,
  name: string,
  file: string,
  length?: number,
  dtype: TensorDtype = "float32",
): T {
  const t = tensors.get(name);
  if (t === undefined) throw new ModelFormatError(`${file}: tensor "${name}" is missing`, file);
  if (dtypeOf(t) !== dtype) {
    throw new ModelFormatError(`${file}: tensor "${name}" is ${dtypeOf(t)}; expected ${dtype}`, file);
  }
  if (length !== undefined && t.length !== length) {
    throw new ModelFormatError(`${file}: tensor "${name}" has ${t.length} values; expected ${length}`, file);
  }
  return t as T;
}
