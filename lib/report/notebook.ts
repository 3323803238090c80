/**
 * Notebook display for the Deno Jupyter kernel: `display(figure)` renders a Plotly chart inline and
 * `displayHtml(html)` shows any HTML (e.g. `tableHtml`). Outside Jupyter (`Deno.jupyter` unavailable)
 * they print a one-line hint and do nothing else, so notebook code also runs as a script. They resolve
 * to `undefined`, so a notebook cell ending with `await display(…)` shows no extra `Out[]` value.
 *
 * The text/html output holds a div and an inline script that draws the figure; plotly.js itself is
 * inlined once per kernel session (with the first chart), so an executed notebook exported to HTML
 * opens offline. The `application/vnd.plotly.v1+json` output lets Plotly-aware front ends render natively.
 *
 * Headless export (`scripts/run-notebooks.sh`) sets `LAB_NOTEBOOK_PLOTLY=external`: no output carries
 * plotly.js (the script puts it once in the exported page's `<head>`), which keeps every output small.
 * The Deno kernel can report a cell idle before a large display message is sent, and nbconvert drops
 * outputs that arrive after idle; so `display` also waits briefly after sending, longer for larger output.
 *
 * @example
 * ```ts
 * import { display } from "./notebook.ts";
 * await display({ data: [{ type: "bar", x: ["a"], y: [1] }], layout: {} }); // prints a hint outside Jupyter
 * ```
 * @module
 */
import { type Figure, jsonForScript, PLOTLY_CONFIG } from "./figure.ts";
import { plotlySource } from "./plotly_source.ts";

/** The part of `Deno.jupyter` used here. */
interface JupyterApi {
  display(obj: unknown, options?: { raw?: boolean; update?: boolean; display_id?: string }): Promise<void>;
}

/** `Deno.jupyter` when running in the Deno Jupyter kernel, else undefined (the getter throws outside it). */
function jupyter(): JupyterApi | undefined {
  try {
    const j = (Deno as unknown as { jupyter?: JupyterApi }).jupyter;
    return j !== undefined && typeof j.display === "function" ? j : undefined;
  } catch {
    return undefined;
  }
}

/** True when running inside the Deno Jupyter kernel. */
export function inJupyter(): boolean {
  return jupyter() !== undefined;
}

let plotlyInlined = false;

/** True when the page that shows the outputs supplies plotly.js itself (`LAB_NOTEBOOK_PLOTLY=external`). */
function plotlyIsExternal(): boolean {
  try {
    return Deno.env.get("LAB_NOTEBOOK_PLOTLY") === "external";
  } catch {
    return false; // no env permission: inline as usual
  }
}

/**
 * Milliseconds to wait after sending a display message of `chars` characters, so that it leaves the
 * kernel before the cell reports idle: 25 ms plus 1 ms per 20,000 characters, at most 2 s.
 */
export function displaySettleMs(chars: number): number {
  return Math.min(2000, 25 + Math.ceil(chars / 20_000));
}

async function sendDisplay(j: JupyterApi, bundle: Record<string, unknown>, chars: number): Promise<void> {
  await j.display(bundle, { raw: true });
  await new Promise((resolve) => setTimeout(resolve, displaySettleMs(chars)));
}
let divCounter = 0;

/** Options for {@link figureHtml} and {@link display}. */
export interface DisplayOptions {
  /**
   * Inline plotly.js in this output: "once" (default: only the first time in this process), or
   * true / false to force.
   */
  includePlotly?: "once" | boolean;
  /** Height of the chart in pixels (default: the figure's layout.height, else 420). */
  height?: number;
}

/**
 * HTML fragment that draws a figure: (optionally) plotly.js, a div, and a script calling
 * `Plotly.newPlot` once `window.Plotly` exists (plotly.js 3 always sets `window.Plotly`, AMD loader or not).
 */
export function figureHtml(figure: Figure, options: DisplayOptions = {}): string {
  const include = options.includePlotly ?? (plotlyIsExternal() ? false : "once");
  const inline = include === true || (include === "once" && !plotlyInlined);
  const id = `plotly-${Date.now().toString(36)}-${++divCounter}`;
  const layoutHeight = typeof figure.layout.height === "number" ? figure.layout.height : undefined;
  const height = options.height ?? layoutHeight ?? 420;
  const parts: string[] = [];
  if (inline) {
    parts.push(`<script>${plotlySource()}</script>`);
    if (include === "once") plotlyInlined = true;
  }
  parts.push(
    `<div id="${id}" class="plotly-graph-div" style="height:${height}px;width:100%;"></div>`,
    `<script>(function () {
  var fig = ${jsonForScript(figure)}, config = ${jsonForScript(PLOTLY_CONFIG)}, tries = 0;
  function draw() {
    if (window.Plotly) { window.Plotly.newPlot("${id}", fig.data, fig.layout, config); return; }
    if (++tries < 200) setTimeout(draw, 50);
    else document.getElementById("${id}").textContent = "plotly.js is not loaded: run the first chart cell again";
  }
  draw();
})();</script>`,
  );
  return parts.join("\n");
}

/** The Jupyter mime bundle for a figure: text/html (div + script), Plotly JSON, and a text/plain fallback. */
export function figureMimeBundle(figure: Figure, options: DisplayOptions = {}): Record<string, unknown> {
  const title = (figure.layout.title as { text?: string } | undefined)?.text ?? "";
  return {
    "text/html": figureHtml(figure, options),
    "application/vnd.plotly.v1+json": { data: figure.data, layout: figure.layout, config: PLOTLY_CONFIG },
    "text/plain": `<Plotly figure${title ? `: ${title}` : ""} with ${figure.data.length} trace(s)>`,
  };
}

/** Displays a Plotly figure in the notebook; outside Jupyter prints a hint instead. */
export async function display(figure: Figure, options: DisplayOptions = {}): Promise<void> {
  const j = jupyter();
  if (j === undefined) {
    console.log(
      `display(): not running in Jupyter; skipped a figure with ${figure.data.length} trace(s) (use Report to write HTML)`,
    );
    return;
  }
  const bundle = figureMimeBundle(figure, options);
  await sendDisplay(j, bundle, (bundle["text/html"] as string).length);
}

/** Displays an HTML fragment in the notebook; outside Jupyter prints a hint instead. */
export async function displayHtml(html: string): Promise<void> {
  const j = jupyter();
  if (j === undefined) {
    console.log(`displayHtml(): not running in Jupyter; skipped ${html.length} characters of HTML`);
    return;
  }
  await sendDisplay(j, { "text/html": html, "text/plain": "<HTML output>" }, html.length);
}
