/**
 * Reports: self-contained HTML pages (plotly.js inlined, open offline), chart helpers returning Plotly
 * figure specs, and notebook display helpers for the Deno Jupyter kernel.
 *
 * @example
 * ```ts
 * import { Report, rocChart } from "./mod.ts";
 * const r = new Report({ title: "Demo" });
 * r.section("Model").chart(rocChart({ fpr: [0, 0.2, 1], tpr: [0, 0.8, 1], auc: 0.8 }));
 * r.render().includes("chart-0"); // true
 * ```
 * @module
 */
export {
  baseLayout,
  type Figure,
  type Json,
  jsonForScript,
  PALETTE,
  seriesColor,
  toPlain,
  type Trace,
} from "./figure.ts";
export { escapeHtml, formatCell, formatNumber } from "./html.ts";
export { plotlySource } from "./plotly_source.ts";
export { type ChartOptions, type Kpi, Report, type ReportOptions } from "./report.ts";
export { type Rows, tableHtml, type TableOptions } from "./table.ts";
export {
  display,
  displayHtml,
  type DisplayOptions,
  figureHtml,
  figureMimeBundle,
  inJupyter,
} from "./notebook.ts";
export * from "./charts/mod.ts";
