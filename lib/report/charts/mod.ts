/**
 * Chart helpers: each returns a plain-JSON Plotly {@link Figure} (`{ data, layout }`).
 * @module
 */
export { finiteRange, type Histogram, histogram, quantile } from "./binning.ts";
export {
  calibrationChart,
  type CalibrationCurve,
  prChart,
  type PrCurve,
  rocChart,
  type RocCurve,
} from "./classification.ts";
export {
  type AtKSeries,
  barChart,
  type BarSeries,
  histogramChart,
  type HistogramOptions,
  type HistogramSeries,
  lineOverKChart,
} from "./distribution.ts";
export {
  type BeeswarmInput,
  type DependenceInput,
  meanAbsShap,
  SHAP_COLORSCALE,
  shapBeeswarm,
  shapDependence,
} from "./explain.ts";
export {
  latencyHistogram,
  latencyPercentiles,
  type LatencySummary,
  PSI_COLORS,
  psiChart,
  psiColor,
  type PsiInput,
} from "./ops.ts";
export {
  causalGraphChart,
  type GraphEdge,
  type GraphNode,
  layeredLayout,
  type NodePosition,
} from "./causal_graph.ts";
