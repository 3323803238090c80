/**
 * A fitted wide & deep model: parameters, the input encoder and the weights. Same verbs as the other
 * model families: `predict` (probabilities, synchronous, plain TypeScript over the layer list),
 * `predictRaw` (logits), `toJSON` / `fromJSON` (versioned; weights inline), plus `predictTf` (the tfjs
 * graph it was trained with) and `toLayerList` (the network description `lib/export/onnx` compiles).
 * @module
 */
import { ModelFormatError } from "../../errors.ts";
import type { Matrix } from "../../data/types.ts";
import { evaluateLayerList, type LayerList } from "../network/mod.ts";
import { initTf, type TfBackend } from "../tf_backend.ts";
import { type EncodedBatch, WideDeepEncoder, type WideDeepEncoderJSON } from "./encoder.ts";
import { type NetworkShape, networkToLayerList, type WideDeepWeights } from "./network.ts";
import { DEFAULT_WIDE_DEEP_PARAMS, type WideDeepParams } from "./params.ts";
import { TfWideDeep } from "./tf_network.ts";

/** Version of the wide & deep model format this code reads and writes. */
export const WIDE_DEEP_FORMAT_VERSION = 1;

/** How training went. */
export interface WideDeepFitInfo {
  /** Epochs run (≤ maxEpochs). */
  epochs: number;
  /** 1-based epoch whose weights the model holds (the best validation AUC; the last epoch without validation). */
  bestEpoch: number;
  /** Mean training loss per epoch. */
  trainLoss: number[];
  /** Validation AUC per epoch (empty without a validation set). */
  validAuc: number[];
  stoppedEarly: boolean;
  backend: string;
  seed: number;
}

/** The model file (weights as plain number arrays). */
export interface WideDeepModelJSON {
  formatVersion: number;
  kind: "wide_deep";
  params: WideDeepParams;
  encoder: WideDeepEncoderJSON;
  weights: {
    embeddings: number[];
    wide: number[];
    dense: { inDim: number; outDim: number; kernel: number[]; bias: number[] }[];
  };
  fitInfo: WideDeepFitInfo;
}

/** A fitted wide & deep network. */
export class WideDeepModel {
  /** Model family, the key of the model contract (`../contract.ts`). */
  readonly kind = "wide_deep" as const;
  readonly shape: NetworkShape;
  #layerList?: LayerList;

  constructor(
    readonly params: WideDeepParams,
    readonly encoder: WideDeepEncoder,
    readonly weights: WideDeepWeights,
    readonly fitInfo: WideDeepFitInfo,
  ) {
    this.shape = networkShape(params, encoder);
  }

  /** Input feature names, in order. */
  get featureNames(): readonly string[] {
    return this.encoder.featureNames;
  }

  /** The network as a layer list (inputs `deep_ids`, `wide_ids`, `numeric`; outputs `probability`, `logit`). */
  toLayerList(): LayerList {
    return this.#layerList ??= networkToLayerList(this.shape, this.weights, this.encoder.json.numeric);
  }

  /** Encodes a matrix into the network's inputs (the feeds an ONNX runtime needs). */
  encode(matrix: Matrix): EncodedBatch {
    return this.encoder.encode(matrix);
  }

  /** Layer-list feeds for an encoded batch. */
  feeds(b: EncodedBatch): Record<string, ArrayLike<number>> {
    const f: Record<string, ArrayLike<number>> = {};
    if (this.shape.nCategorical > 0) f.deep_ids = b.deepIds;
    if (this.shape.nWideSlots > 0) f.wide_ids = b.wideIds;
    if (this.shape.nNumeric > 0) f.numeric = b.numeric;
    return f;
  }

  /** Logits per row (TypeScript evaluation of the layer list). */
  predictRaw(matrix: Matrix): Float64Array {
    const b = this.encode(matrix);
    return evaluateLayerList(this.toLayerList(), this.feeds(b), b.nRows).logit!;
  }

  /** Probabilities of the positive class per row. */
  predict(matrix: Matrix): Float64Array {
    const b = this.encode(matrix);
    return evaluateLayerList(this.toLayerList(), this.feeds(b), b.nRows).probability!;
  }

  /** Probabilities computed by the tfjs graph (the training forward pass) on the given backend. */
  async predictTf(matrix: Matrix, backend?: TfBackend): Promise<Float64Array> {
    const tf = await initTf(backend);
    const net = new TfWideDeep(tf, this.shape, this.weights, this.encoder.json.numeric);
    try {
      const z = net.predictLogits(this.encode(matrix));
      return Float64Array.from(z, (v) => 1 / (1 + Math.exp(-v)));
    } finally {
      net.dispose();
    }
  }

  /** Versioned plain object (JSON-safe; weights inline). */
  toJSON(): WideDeepModelJSON {
    const w = this.weights;
    return {
      formatVersion: WIDE_DEEP_FORMAT_VERSION,
      kind: "wide_deep",
      params: structuredClone(this.params),
      encoder: this.encoder.toJSON(),
      weights: {
        embeddings: Array.from(w.embeddings),
        wide: Array.from(w.wide),
        dense: w.dense.map((d) => ({
          inDim: d.inDim,
          outDim: d.outDim,
          kernel: Array.from(d.kernel),
          bias: Array.from(d.bias),
        })),
      },
      fitInfo: structuredClone(this.fitInfo),
    };
  }

  /** Rebuilds a model; throws ModelFormatError on a wrong kind, version or weight shape. */
  static fromJSON(json: unknown): WideDeepModel {
    const o = json as Partial<WideDeepModelJSON> | null;
    if (o === null || typeof o !== "object" || o.kind !== "wide_deep") {
      throw new ModelFormatError('expected a wide & deep model ({ kind: "wide_deep" })', "kind");
    }
    if (o.formatVersion !== WIDE_DEEP_FORMAT_VERSION) {
      throw new ModelFormatError(
        `unsupported wide & deep format version ${o.formatVersion}; expected ${WIDE_DEEP_FORMAT_VERSION}`,
        "formatVersion",
      );
    }
    const params = { ...DEFAULT_WIDE_DEEP_PARAMS, ...(o.params ?? {}) } as WideDeepParams;
    const encoder = WideDeepEncoder.fromJSON(o.encoder);
    const w = o.weights;
    if (!w || !Array.isArray(w.embeddings) || !Array.isArray(w.wide) || !Array.isArray(w.dense)) {
      throw new ModelFormatError("weights must have embeddings, wide and dense", "weights");
    }
    const weights: WideDeepWeights = {
      embeddings: Float32Array.from(w.embeddings),
      wide: Float32Array.from(w.wide),
      dense: w.dense.map((d) => ({
        inDim: d.inDim,
        outDim: d.outDim,
        kernel: Float32Array.from(d.kernel),
        bias: Float32Array.from(d.bias),
      })),
    };
    checkWeights(networkShape(params, encoder), weights);
    return new WideDeepModel(params, encoder, weights, structuredClone(o.fitInfo as WideDeepFitInfo));
  }
}

/** The network shape implied by the parameters and a fitted encoder. */
export function networkShape(p: WideDeepParams, e: WideDeepEncoder): NetworkShape {
  return {
    embeddingRows: e.embeddingRows,
    embeddingDim: p.embeddingDim,
    nCategorical: e.nCategorical,
    nNumeric: e.nNumeric,
    wideSize: e.wideSize,
    nWideSlots: e.nWideSlots,
    hiddenUnits: [...p.hiddenUnits],
  };
}

/** Throws ModelFormatError unless the weights fit the shape and are finite. */
export function checkWeights(s: NetworkShape, w: WideDeepWeights): void {
  const bad = (field: string, problem: string): never => {
    throw new ModelFormatError(`wide & deep ${field} ${problem}`, field);
  };
  if (w.embeddings.length !== s.embeddingRows * s.embeddingDim) {
    bad(
      "weights.embeddings",
      `has ${w.embeddings.length} values; expected ${s.embeddingRows * s.embeddingDim}`,
    );
  }
  if (w.wide.length !== s.wideSize) {
    bad("weights.wide", `has ${w.wide.length} values; expected ${s.wideSize}`);
  }
  const dims = [s.nCategorical * s.embeddingDim + s.nNumeric, ...s.hiddenUnits, 1];
  if (w.dense.length !== dims.length - 1) {
    bad("weights.dense", `has ${w.dense.length} layers; expected ${dims.length - 1}`);
  }
  w.dense.forEach((d, i) => {
    if (
      d.inDim !== dims[i] || d.outDim !== dims[i + 1] || d.kernel.length !== d.inDim * d.outDim ||
      d.bias.length !== d.outDim
    ) {
      bad(`weights.dense[${i}]`, `does not have shape ${dims[i]}×${dims[i + 1]}`);
    }
  });
  for (const arr of [w.embeddings, w.wide, ...w.dense.flatMap((d) => [d.kernel, d.bias])]) {
    for (const v of arr) if (!Number.isFinite(v)) bad("weights", "contain a non-finite value");
  }
}
