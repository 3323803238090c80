/**
 * A small builder for ONNX graphs, shared by every exporter (the layer-list compiler here, the GBDT
 * tree-ensemble exporter later): graph inputs and outputs with symbolic or fixed dims, initializers
 * (float32 / int64 / double / string, stored little-endian in `raw_data`), nodes with typed attributes
 * in any domain, fresh names, and the model wrapper with its opset imports.
 *
 * A tree-ensemble exporter would use it like this:
 * `b.useOpset(ONNX_ML_DOMAIN, ONNX_ML_OPSET); b.addNode("TreeEnsembleRegressor", ["X"], ["Y"],
 * { nodes_modes: attr.strings([...]), nodes_values: attr.floats([...]), ... }, { domain: ONNX_ML_DOMAIN })`.
 *
 * @example
 * ```ts
 * import { attr, OnnxGraphBuilder } from "./graph_builder.ts";
 * import { ElemType } from "./proto.ts";
 * const b = new OnnxGraphBuilder("relu");
 * b.addInput("x", ElemType.FLOAT, ["batch", 3]);
 * b.addNode("Relu", ["x"], ["y"]);
 * b.addOutput("y", ElemType.FLOAT, ["batch", 3]);
 * const bytes = b.toBytes({ producerName: "doc" }); // ONNX protobuf
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import { ElemType, encodeModel, onnx, ONNX_IR_VERSION, ONNX_OPSET, type OnnxTypes } from "./proto.ts";

/** A dimension: a fixed size or a symbolic name such as `"batch"`. */
export type Dim = number | string;

/** A typed attribute value (ONNX attributes must say whether `1` is an int or a float). */
export type AttrValue = OnnxTypes.Attribute;

const AT = onnx.AttributeProto.AttributeType;

/** Attribute constructors. */
export const attr = {
  /** A 64-bit integer attribute. */
  int: (v: number): AttrValue => ({ type: AT.INT, i: checkInt(v) }),
  /** A float attribute. */
  float: (v: number): AttrValue => ({ type: AT.FLOAT, f: v }),
  /** A string attribute (UTF-8). */
  string: (v: string): AttrValue => ({ type: AT.STRING, s: new TextEncoder().encode(v) }),
  /** A list of 64-bit integers. */
  ints: (v: ArrayLike<number>): AttrValue => ({ type: AT.INTS, ints: Array.from(v, checkInt) }),
  /** A list of floats. */
  floats: (v: ArrayLike<number>): AttrValue => ({ type: AT.FLOATS, floats: Array.from(v) }),
  /** A list of strings (UTF-8). */
  strings: (v: readonly string[]): AttrValue => ({
    type: AT.STRINGS,
    strings: v.map((s) => new TextEncoder().encode(s)),
  }),
  /** A tensor attribute (e.g. Constant's `value`). */
  tensor: (t: OnnxTypes.Tensor): AttrValue => ({ type: AT.TENSOR, t }),
};

function checkInt(v: number): number {
  if (!Number.isSafeInteger(v)) throw new InputError("attribute", `expected an integer, got ${v}`);
  return v;
}

/** Data for an initializer. Plain number arrays are stored as float32. */
export type InitializerData =
  | { type: "float32"; values: ArrayLike<number> }
  | { type: "double"; values: ArrayLike<number> }
  | { type: "int64"; values: ArrayLike<number> }
  | { type: "string"; values: readonly string[] };

/** Builds a TensorProto with little-endian `raw_data` (strings use `string_data`). */
export function makeTensor(name: string, data: InitializerData, dims: readonly number[]): OnnxTypes.Tensor {
  const size = dims.reduce((a, b) => a * b, 1);
  if (data.values.length !== size) {
    throw new InputError(
      `initializer ${name}`,
      `has ${data.values.length} values but dims [${dims.join(", ")}] need ${size}`,
    );
  }
  if (data.type === "string") {
    return {
      name,
      dims: [...dims],
      dataType: ElemType.STRING,
      stringData: data.values.map((s) => new TextEncoder().encode(s)),
    };
  }
  const width = data.type === "float32" ? 4 : 8;
  const raw = new Uint8Array(size * width);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < size; i++) {
    const v = data.values[i]!;
    if (data.type === "float32") view.setFloat32(i * 4, v, true);
    else if (data.type === "double") view.setFloat64(i * 8, v, true);
    else {
      if (!Number.isSafeInteger(v)) {
        throw new InputError(`initializer ${name}`, `value ${v} is not an integer`);
      }
      view.setBigInt64(i * 8, BigInt(v), true);
    }
  }
  const dataType = data.type === "float32"
    ? ElemType.FLOAT
    : data.type === "double"
    ? ElemType.DOUBLE
    : ElemType.INT64;
  return { name, dims: [...dims], dataType, rawData: raw };
}

function valueInfo(name: string, elemType: ElemType, dims: readonly Dim[]): OnnxTypes.ValueInfo {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/** Options of {@link OnnxGraphBuilder.addNode}. */
export interface NodeOptions {
  /** Operator domain; `""` (default) is `ai.onnx`. The domain must be imported with `useOpset`. */
  domain?: string;
  /** Node name; a fresh one is made when omitted. */
  name?: string;
}

/** Model-level fields of {@link OnnxGraphBuilder.toModel}. */
export interface ModelOptions {
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  modelVersion?: number;
  /** Free-form key/value metadata stored in the model (`metadata_props`). */
  metadata?: Readonly<Record<string, string>>;
}

/** Accumulates one ONNX graph; see the module doc. */
export class OnnxGraphBuilder {
  readonly #inputs: OnnxTypes.ValueInfo[] = [];
  readonly #outputs: OnnxTypes.ValueInfo[] = [];
  readonly #initializers: OnnxTypes.Tensor[] = [];
  readonly #nodes: OnnxTypes.Node[] = [];
  readonly #names = new Set<string>();
  readonly #reserved = new Set<string>();
  readonly #opsets = new Map<string, number>();
  #counter = 0;

  /** @param name graph name. @param opset default-domain opset (17). */
  constructor(readonly name: string, opset: number = ONNX_OPSET) {
    this.#opsets.set("", opset);
  }

  /** Imports an operator-set domain (e.g. `ai.onnx.ml`, 3). Re-importing with another version throws. */
  useOpset(domain: string, version: number): this {
    const had = this.#opsets.get(domain);
    if (had !== undefined && had !== version) {
      throw new InputError("opset", `domain "${domain}" already imported at version ${had}, not ${version}`);
    }
    this.#opsets.set(domain, version);
    return this;
  }

  /** A name not used yet in this graph, starting with `prefix`. */
  freshName(prefix: string): string {
    let n: string;
    do n = `${prefix}_${this.#counter++}`; while (this.#names.has(n) || this.#reserved.has(n));
    this.#names.add(n);
    return n;
  }

  /** Keeps names that will be claimed later (e.g. user layer names) out of {@link freshName}'s reach. */
  reserve(names: Iterable<string>): this {
    for (const n of names) this.#reserved.add(n);
    return this;
  }

  #claim(name: string): void {
    if (name === "") throw new InputError("name", "tensor names must not be empty");
    if (this.#names.has(name)) {
      throw new InputError("name", `tensor name "${name}" is already used in the graph`);
    }
    this.#names.add(name);
    this.#reserved.delete(name);
  }

  /** Declares a graph input. */
  addInput(name: string, elemType: ElemType, dims: readonly Dim[]): string {
    this.#claim(name);
    this.#inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  /** Declares a graph output (a name some node produces or an input). */
  addOutput(name: string, elemType: ElemType, dims: readonly Dim[]): string {
    if (!this.#names.has(name)) throw new InputError("output", `"${name}" is not produced by the graph`);
    this.#outputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  /** Adds a constant tensor; `name` defaults to a fresh `prefix`-based name. Returns the name. */
  addInitializer(data: InitializerData, dims: readonly number[], name?: string, prefix = "const"): string {
    const n = name ?? this.freshName(prefix);
    if (name !== undefined) this.#claim(name);
    this.#initializers.push(makeTensor(n, data, dims));
    return n;
  }

  /** Shorthand: a float32 initializer. */
  addFloats(values: ArrayLike<number>, dims: readonly number[], prefix = "w"): string {
    return this.addInitializer({ type: "float32", values }, dims, undefined, prefix);
  }

  /** Shorthand: an int64 initializer. */
  addInts(values: ArrayLike<number>, dims: readonly number[], prefix = "i"): string {
    return this.addInitializer({ type: "int64", values }, dims, undefined, prefix);
  }

  /**
   * Adds a node. `outputs` may be names (claimed here) or a count (fresh names made from the op type).
   * Returns the output names.
   */
  addNode(
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[] | number = 1,
    attributes: Readonly<Record<string, AttrValue>> = {},
    options: NodeOptions = {},
  ): string[] {
    const domain = options.domain ?? "";
    if (!this.#opsets.has(domain)) {
      throw new InputError("domain", `operator domain "${domain}" is not imported; call useOpset first`);
    }
    for (const i of inputs) {
      if (i !== "" && !this.#names.has(i)) {
        throw new InputError(opType, `input "${i}" is not defined in the graph`);
      }
    }
    const outs = typeof outputs === "number"
      ? Array.from({ length: outputs }, () => this.freshName(opType.toLowerCase()))
      : outputs.map((o) => (this.#claim(o), o));
    this.#nodes.push({
      opType,
      domain,
      name: options.name ?? `${opType}_${this.#nodes.length}`,
      input: [...inputs],
      output: outs,
      attribute: Object.entries(attributes).map(([name, a]) => ({ ...a, name })),
    });
    return outs;
  }

  /** Single-output shorthand for {@link addNode}. */
  op(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, AttrValue>> = {},
    output?: string,
    options: NodeOptions = {},
  ): string {
    return this.addNode(opType, inputs, output === undefined ? 1 : [output], attributes, options)[0]!;
  }

  /** Number of nodes so far. */
  get nodeCount(): number {
    return this.#nodes.length;
  }

  /** The model proto (graph + IR version + opset imports + metadata). */
  toModel(options: ModelOptions = {}): OnnxTypes.Model {
    if (this.#outputs.length === 0) throw new InputError("outputs", "the graph has no outputs");
    return {
      irVersion: ONNX_IR_VERSION,
      producerName: options.producerName ?? "marketplace-ml-lab",
      producerVersion: options.producerVersion ?? "0.1.0",
      docString: options.docString ?? "",
      modelVersion: options.modelVersion ?? 1,
      opsetImport: [...this.#opsets].map(([domain, version]) => ({ domain, version })),
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: this.name,
        input: this.#inputs,
        output: this.#outputs,
        initializer: this.#initializers,
        node: this.#nodes,
      },
    };
  }

  /** The serialised model. */
  toBytes(options: ModelOptions = {}): Uint8Array {
    return encodeModel(this.toModel(options));
  }
}
