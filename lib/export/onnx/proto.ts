/**
 * The ONNX protobuf schema (npm `onnx-proto`, ONNX 1.10 `onnx.proto` compiled by protobufjs) and the
 * version constants every exporter in this folder uses. The only file that imports `onnx-proto`.
 *
 * - IR version 8 (the newest the schema knows; onnxruntime 1.x reads it).
 * - Default opset: `ai.onnx` 17 (ReduceSum takes its axes as an input since 13; ReduceMean still takes
 *   an `axes` attribute until 18).
 * - `ai.onnx.ml` opset 3 for the classical-ML operators (TreeEnsembleRegressor/Classifier).
 *
 * @example
 * ```ts
 * import { decodeModel, encodeModel, ONNX_IR_VERSION } from "./proto.ts";
 * const bytes = encodeModel({ irVersion: ONNX_IR_VERSION, opsetImport: [{ domain: "", version: 17 }] });
 * decodeModel(bytes).opsetImport.length; // 1
 * ```
 * @module
 */
import onnxProto from "onnx-proto";
import { ModelFormatError } from "../../errors.ts";

/** The generated protobuf namespace (`onnx.ModelProto`, `onnx.TensorProto`, …). */
export const onnx: typeof onnxProto.onnx = onnxProto.onnx;
export declare namespace OnnxTypes {
  export type Model = onnxProto.onnx.IModelProto;
  export type Graph = onnxProto.onnx.IGraphProto;
  export type Node = onnxProto.onnx.INodeProto;
  export type Tensor = onnxProto.onnx.ITensorProto;
  export type Attribute = onnxProto.onnx.IAttributeProto;
  export type ValueInfo = onnxProto.onnx.IValueInfoProto;
  export type OpsetId = onnxProto.onnx.IOperatorSetIdProto;
}

/** ONNX IR version written by this package. */
export const ONNX_IR_VERSION = 8;
/** Default-domain (`ai.onnx`) opset written by this package. */
export const ONNX_OPSET = 17;
/** `ai.onnx.ml` opset for classical-ML operators (tree ensembles). */
export const ONNX_ML_OPSET = 3;
/** Domain name of the classical-ML operators. */
export const ONNX_ML_DOMAIN = "ai.onnx.ml";

/** Element types used by the exporters (values of `TensorProto.DataType`). */
export const ElemType = Object.freeze({ FLOAT: 1, INT32: 6, INT64: 7, STRING: 8, DOUBLE: 11 } as const);
/** One of {@link ElemType}'s values. */
export type ElemType = (typeof ElemType)[keyof typeof ElemType];

/** Serialises a model to ONNX protobuf bytes (a plain Uint8Array, not protobufjs's Node Buffer). */
export function encodeModel(model: OnnxTypes.Model): Uint8Array {
  return new Uint8Array(onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish());
}

/** Parses ONNX protobuf bytes; throws ModelFormatError when they are not a model. */
export function decodeModel(bytes: Uint8Array): onnxProto.onnx.ModelProto {
  try {
    return onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new ModelFormatError(`not an ONNX model: ${(e as Error).message}`);
  }
}
