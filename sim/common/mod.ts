/**
 * The shared simulator framework: scales, the causal-graph declaration, the {@link Simulator} contract,
 * growable typed columns, simulated time, great-circle distance, and landing a run in bronze.
 * @module
 */
export {
  parseScale,
  type PerScale,
  requirePositiveSize,
  type Scale,
  SCALES,
  sizeFor,
  sizesWithOverrides,
} from "./scale.ts";
export {
  type CausalEdge,
  type CausalGraph,
  type CausalNode,
  type NodeKind,
  parentsOf,
  toMermaid,
  validateGraph,
} from "./causal_graph.ts";
export {
  type CheckedOptions,
  checkGenerateOptions,
  type GenerateOptions,
  type SimMeta,
  type SimOutput,
  type Simulator,
} from "./simulator.ts";
export { codesColumn, Float64Builder, idColumn, Int32Builder, StringBuilder } from "./columns.ts";
export { DAY_MS, dayOfWeek, HOUR_MS, hourOfDay, MINUTE_MS, SIM_EPOCH_MS } from "./time.ts";
export {
  type BronzeResult,
  bronzeTable,
  truthTable,
  writeBronze,
  type WriteBronzeOptions,
} from "./bronze.ts";
export { differingTables, framesEqual } from "./compare.ts";
export { EARTH_RADIUS_KM, haversineKm, RAD } from "./geo.ts";
