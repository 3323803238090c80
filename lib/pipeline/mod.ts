/**
 * Steps that experiments compose: row selection on matrices, random and time-based train/valid/test
 * splits, and binary-classifier scoring with its report block.
 * @module
 */
export { type BinaryScores, reportBinaryComparison, roundMetrics, scoreBinary } from "./binary_eval.ts";
export { takeMatrixRows } from "./rows.ts";
export { randomSplit, type Split, timeQuantileSplit, timeSplit } from "./split.ts";
