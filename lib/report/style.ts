/**
 * The report stylesheet: system fonts only, no external resources, readable on screen and in print.
 * @module
 */

/** CSS embedded in every report. */
export const REPORT_CSS = `
:root { --fg: #1d2330; --muted: #5b6473; --line: #e3e7ee; --bg: #f6f7f9; --card: #ffffff; --accent: #1f77b4; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
header.report-head { background: var(--card); border-bottom: 1px solid var(--line); padding: 28px 40px 20px; }
header.report-head h1 { margin: 0 0 4px; font-size: 26px; }
header.report-head .subtitle { margin: 0; color: var(--muted); font-size: 16px; }
dl.meta { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 14px 0 0; font-size: 13px; color: var(--muted); }
dl.meta div { display: flex; gap: 6px; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
nav.toc { padding: 12px 40px; font-size: 14px; }
nav.toc a { color: var(--accent); text-decoration: none; margin-right: 16px; }
main { max-width: 1180px; margin: 0 auto; padding: 8px 40px 48px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; margin: 20px 0; }
section h2 { margin: 0 0 12px; font-size: 20px; }
p { margin: 8px 0; }
p.note { color: var(--muted); font-size: 13px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; margin: 12px 0; }
.kpi { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fbfcfd; }
.kpi .label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.kpi .value { font-size: 24px; font-weight: 650; margin-top: 2px; font-variant-numeric: tabular-nums; }
.kpi .hint { font-size: 12px; color: var(--muted); }
.table-wrap { overflow-x: auto; margin: 12px 0; }
table { border-collapse: collapse; font-size: 14px; min-width: 40%; }
caption { text-align: left; font-weight: 600; padding: 4px 0 8px; }
th, td { padding: 6px 12px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
th { background: #f1f3f6; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:hover { background: #f8fafc; }
pre.json { background: #f4f6f8; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; overflow-x: auto;
  font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
figure.chart { margin: 16px 0; }
figure.chart figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
.plot { width: 100%; min-height: 320px; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 0 0 32px; }
@media print { body { background: #fff; } section { break-inside: avoid; border: none; } nav.toc { display: none; } }
`;
