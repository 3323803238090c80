/**
 * The data layer: DuckDB session, typed columnar frames, conversion to model matrices, Parquet files,
 * medallion layers (bronze/silver/gold) and point-in-time joins.
 * @module
 */
export { Db, DEFAULT_DB_PATH, ident, literal } from "./db.ts";
export {
  columnLength,
  decodeStrings,
  encodeStrings,
  getColumn,
  getFloat64,
  getNumeric,
  makeFrame,
  takeRows,
  toMatrix,
} from "./frame.ts";
export type { ToMatrixOptions } from "./frame.ts";
export type { CategoricalInfo, Column, Frame, Matrix, NumericColumn, StringColumn } from "./types.ts";
export { isStringColumn } from "./types.ts";
export { isQuery, relationSql } from "./relation.ts";
export { readParquet, registerParquet, writeParquet } from "./parquet.ts";
export type { WriteParquetOptions } from "./parquet.ts";
export {
  canonicalType,
  checkSchema,
  dataDictionary,
  DEFAULT_DATA_ROOT,
  describeRelation,
  layerPath,
  LAYERS,
  layerViewName,
  readLayer,
  registerLayer,
  validateSchema,
  writeLayer,
} from "./medallion.ts";
export type {
  ColumnSchema,
  Layer,
  LayerOutput,
  SchemaCheck,
  TableSchema,
  TypeMismatch,
  WriteLayerOptions,
} from "./medallion.ts";
export { pointInTimeJoin, pointInTimeJoinInto } from "./pit.ts";
export type { PitColumn, PitJoinSpec, PitLeft, PitRight, Ttl } from "./pit.ts";
export {
  DEFAULT_LIGHTGBM_EXAMPLES_DIR,
  loadLightgbmExample,
  loadLightgbmTrainTest,
  parseLibsvm,
  parseQuery,
  parseTsv,
} from "./lightgbm_examples.ts";
export type { LabeledData, LightgbmExampleName, LightgbmExampleOptions } from "./lightgbm_examples.ts";
