/**
 * The one place where the TensorFlow.js backend is chosen. Every neural model imports `tf` from here and
 * awaits {@link initTf} before building tensors, so switching backends is a one-line change.
 *
 * Backends:
 * - `"wasm"` (default): `@tensorflow/tfjs-backend-wasm` (XNNPACK, SIMD where the runtime has it), about
 *   2× (small ops) to 30× (large matmuls) faster than `"cpu"` under Deno. Its `.wasm` binaries are loaded
 *   from `node_modules/@tensorflow/tfjs-backend-wasm/dist/` as a `file://` URL (Deno's `fetch` reads
 *   file URLs); override the folder with the env var `LAB_TF_WASM_PATH`.
 * - `"cpu"`: the pure-JS reference backend; always available.
 *
 * The env var `LAB_TF_BACKEND` (`wasm` | `cpu`) picks the backend when the caller passes none.
 *
 * Where `@tensorflow/tfjs-node` installs (Node with native TensorFlow; it does not install here), swap it
 * in by adding `import "@tensorflow/tfjs-node";` below and a `"tensorflow"` member to {@link TfBackend}:
 * it registers a backend named `"tensorflow"` that `tf.setBackend("tensorflow")` selects; nothing else in
 * the models changes.
 *
 * Determinism: on `"cpu"` and on single-threaded `"wasm"` (Deno has no SharedArrayBuffer workers for
 * tfjs, so the threaded build is never used) the same ops in the same order give bit-identical results;
 * the two backends differ from each other in the last bits (different summation order / fused kernels).
 *
 * @example
 * ```ts
 * import { initTf } from "./tf_backend.ts";
 * const tf = await initTf("cpu");
 * tf.getBackend(); // "cpu"
 * ```
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { InputError } from "../errors.ts";

/** Backends this workbench can run on. */
export type TfBackend = "wasm" | "cpu";

/** The backends, default first. */
export const TF_BACKENDS: readonly TfBackend[] = ["wasm", "cpu"];

let wasmPathSet = false;

/**
 * Kernels tfjs-backend-wasm 4.22 lacks but training needs, written in plain JS over the backend's
 * buffers. `UnsortedSegmentSum` is the gradient of `tf.gather`, i.e. of every embedding lookup; without
 * it, `optimizer.minimize` through an embedding throws "Kernel 'UnsortedSegmentSum' not registered".
 * Semantics follow TensorFlow: `out[s, …] = Σ_{j: ids[j] = s} x[j, …]`, ids outside [0, numSegments) dropped.
 */
function registerMissingWasmKernels(): void {
  if (tf.getKernel("UnsortedSegmentSum", "wasm") !== undefined) return;
  tf.registerKernel({
    kernelName: "UnsortedSegmentSum",
    backendName: "wasm",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const b = backend as unknown as {
        readSync(id: unknown): ArrayLike<number>;
        makeOutput(
          shape: number[],
          dtype: tf.DataType,
          offset?: number,
          values?: ArrayLike<number>,
        ): tf.TensorInfo;
      };
      const xs = b.readSync(x.dataId), ids = b.readSync(segmentIds.dataId);
      const inner = x.shape.slice(segmentIds.shape.length).reduce((p, d) => p * d, 1);
      const out = x.dtype === "int32"
        ? new Int32Array(numSegments * inner)
        : new Float32Array(numSegments * inner);
      for (let j = 0; j < ids.length; j++) {
        const s = ids[j]!;
        if (s < 0 || s >= numSegments) continue;
        const src = j * inner, dst = s * inner;
        for (let c = 0; c < inner; c++) out[dst + c]! += xs[src + c]!;
      }
      return b.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype, undefined, out);
    },
  });
}

/** Folder (as a URL string ending in "/") holding the tfjs wasm binaries. */
export function wasmBinaryFolder(): string {
  const fromEnv = Deno.env.get("LAB_TF_WASM_PATH");
  if (fromEnv) {
    const url = fromEnv.includes("://") ? fromEnv : new URL(fromEnv, `file://${Deno.cwd()}/`).href;
    return url.endsWith("/") ? url : url + "/";
  }
  return new URL("../../node_modules/@tensorflow/tfjs-backend-wasm/dist/", import.meta.url).href;
}

/** The backend named by `LAB_TF_BACKEND`, or `"wasm"`. */
export function defaultBackend(): TfBackend {
  const env = Deno.env.get("LAB_TF_BACKEND");
  if (env === undefined || env === "") return "wasm";
  if (env !== "wasm" && env !== "cpu") {
    throw new InputError("LAB_TF_BACKEND", `must be one of wasm, cpu; got "${env}"`);
  }
  return env;
}

/**
 * Selects and initialises a backend (idempotent: a second call with the same backend does nothing) and
 * returns the `tf` namespace. Calling it with another backend switches; tensors made on the previous
 * backend should be disposed first. Throws an Error when the wasm backend cannot start (no silent
 * fallback: a benchmark must know what it measured).
 */
export async function initTf(backend?: TfBackend): Promise<typeof tf> {
  const want = backend ?? defaultBackend();
  if (!TF_BACKENDS.includes(want)) {
    throw new InputError("backend", `must be one of ${TF_BACKENDS.join(", ")}; got "${want}"`);
  }
  if (tf.getBackend() === want) return tf;
  if (want === "wasm" && !wasmPathSet) {
    setWasmPaths(wasmBinaryFolder());
    wasmPathSet = true;
  }
  if (want === "wasm") registerMissingWasmKernels();
  const ok = await tf.setBackend(want);
  await tf.ready();
  if (!ok || tf.getBackend() !== want) throw new Error(`tfjs backend "${want}" failed to initialise`);
  return tf;
}

/** The active backend's name (after {@link initTf}). */
export function activeBackend(): string {
  return tf.getBackend();
}

export { tf };
/** The tfjs namespace type, for signatures. */
export type Tf = typeof tf;
