/**
 * The {@link Report} builder: a self-contained HTML page (CSS and plotly.js inlined, no network) with a
 * title, run metadata, and sections of paragraphs, KPI cards, tables, JSON and charts.
 *
 * @example
 * ```ts
 * import { Report } from "./report.ts";
 * const r = new Report({ title: "Churn model", meta: { seed: 42 } });
 * r.section("Summary").paragraph("GBDT beats the baseline.").kpis([{ label: "AUC", value: 0.91 }]);
 * r.render().startsWith("<!doctype html>"); // true
 * ```
 * @module
 */
import type { Frame } from "../data/types.ts";
import { InputError } from "../errors.ts";
import { writeTextAtomic } from "../io/atomic.ts";
import { type Figure, jsonForScript, PLOTLY_CONFIG } from "./figure.ts";
import { escapeHtml, formatNumber } from "./html.ts";
import { plotlySource } from "./plotly_source.ts";
import { REPORT_CSS } from "./style.ts";
import { type Rows, tableHtml, type TableOptions } from "./table.ts";

/** Options for a new {@link Report}. */
export interface ReportOptions {
  title: string;
  subtitle?: string;
  /** Run metadata shown under the title (seed, git commit, data version, …). */
  meta?: Readonly<Record<string, string | number | boolean>>;
  /** Timestamp shown in the footer (default: now). Pass a fixed date for reproducible output. */
  generatedAt?: Date;
}

/** One KPI card. */
export interface Kpi {
  label: string;
  value: number | string;
  /** Small text under the value (e.g. "95% CI 0.90–0.92"). */
  hint?: string;
  /** Fraction digits for a numeric value (default 4). */
  digits?: number;
}

/** Options for a chart block. */
export interface ChartOptions {
  caption?: string;
}

type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "kpis"; items: Kpi[] }
  | { kind: "html"; html: string }
  | { kind: "json"; value: unknown; caption?: string }
  | { kind: "chart"; figure: Figure; caption?: string };

interface Section {
  title: string | undefined;
  blocks: Block[];
}

/** Builds a self-contained HTML report. Block methods add to the current section and return `this`. */
export class Report {
  readonly title: string;
  readonly subtitle: string | undefined;
  readonly meta: Readonly<Record<string, string | number | boolean>>;
  readonly #generatedAt: Date | undefined;
  readonly #sections: Section[] = [];

  constructor(options: ReportOptions) {
    if (typeof options.title !== "string" || options.title.trim() === "") {
      throw new InputError("title", "must be a non-empty string");
    }
    this.title = options.title;
    this.subtitle = options.subtitle;
    this.meta = options.meta ?? {};
    this.#generatedAt = options.generatedAt;
  }

  /** Starts a new section; following blocks go into it. */
  section(title: string): this {
    this.#sections.push({ title, blocks: [] });
    return this;
  }

  #add(block: Block): this {
    let current = this.#sections[this.#sections.length - 1];
    if (current === undefined) {
      current = { title: undefined, blocks: [] };
      this.#sections.push(current);
    }
    current.blocks.push(block);
    return this;
  }

  /** Adds a paragraph of plain text (escaped). */
  paragraph(text: string): this {
    return this.#add({ kind: "paragraph", text });
  }

  /** Adds a row of KPI cards. */
  kpis(items: readonly Kpi[]): this {
    return this.#add({ kind: "kpis", items: [...items] });
  }

  /** Adds a table from row objects or a Frame (numbers formatted, cells escaped). */
  table(source: Rows | Frame, options: TableOptions = {}): this {
    return this.#add({ kind: "html", html: tableHtml(source, options) });
  }

  /** Adds a value as pretty-printed JSON. */
  json(value: unknown, options: { caption?: string } = {}): this {
    return this.#add({ kind: "json", value, caption: options.caption });
  }

  /** Adds a Plotly chart. */
  chart(figure: Figure, options: ChartOptions = {}): this {
    if (!figure || !Array.isArray(figure.data)) {
      throw new InputError("figure", "must be a { data, layout } Plotly figure");
    }
    return this.#add({ kind: "chart", figure, caption: options.caption });
  }

  /** Number of charts added so far. */
  get chartCount(): number {
    let n = 0;
    for (const s of this.#sections) for (const b of s.blocks) if (b.kind === "chart") n++;
    return n;
  }

  /** Renders the whole report as one HTML document (plotly.js inlined when there is at least one chart). */
  render(): string {
    const out: string[] = [];
    out.push(
      "<!doctype html>",
      '<html lang="en"><head><meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escapeHtml(this.title)}</title>`,
      `<style>${REPORT_CSS}</style>`,
      "</head><body>",
      '<header class="report-head">',
      `<h1>${escapeHtml(this.title)}</h1>`,
    );
    if (this.subtitle !== undefined) out.push(`<p class="subtitle">${escapeHtml(this.subtitle)}</p>`);
    const metaKeys = Object.keys(this.meta);
    if (metaKeys.length > 0) {
      out.push('<dl class="meta">');
      for (const k of metaKeys) {
        const v = this.meta[k]!;
        out.push(
          `<div><dt>${escapeHtml(k)}</dt><dd>${
            escapeHtml(typeof v === "number" ? formatNumber(v, 6) : String(v))
          }</dd></div>`,
        );
      }
      out.push("</dl>");
    }
    out.push("</header>");
    const titled = this.#sections.filter((s) => s.title !== undefined);
    if (titled.length > 1) {
      out.push('<nav class="toc">');
      this.#sections.forEach((s, i) => {
        if (s.title !== undefined) out.push(`<a href="#section-${i}">${escapeHtml(s.title)}</a>`);
      });
      out.push("</nav>");
    }
    out.push("<main>");
    let chartIndex = 0;
    this.#sections.forEach((s, i) => {
      out.push(`<section id="section-${i}">`);
      if (s.title !== undefined) out.push(`<h2>${escapeHtml(s.title)}</h2>`);
      for (const b of s.blocks) {
        switch (b.kind) {
          case "paragraph":
            out.push(`<p>${escapeHtml(b.text)}</p>`);
            break;
          case "kpis":
            out.push('<div class="kpis">');
            for (const k of b.items) {
              const value = typeof k.value === "number" ? formatNumber(k.value, k.digits ?? 4) : k.value;
              out.push(
                `<div class="kpi"><div class="label">${escapeHtml(k.label)}</div><div class="value">${
                  escapeHtml(value)
                }</div>`,
                k.hint !== undefined ? `<div class="hint">${escapeHtml(k.hint)}</div>` : "",
                "</div>",
              );
            }
            out.push("</div>");
            break;
          case "html":
            out.push(b.html);
            break;
          case "json":
            if (b.caption !== undefined) out.push(`<p class="note">${escapeHtml(b.caption)}</p>`);
            out.push(
              `<pre class="json">${escapeHtml(JSON.stringify(b.value, null, 2) ?? "undefined")}</pre>`,
            );
            break;
          case "chart": {
            const id = `chart-${chartIndex++}`;
            out.push(
              `<figure class="chart"><div class="plot" id="${id}"></div>`,
              `<script type="application/json" class="figure-data" data-target="${id}">${
                jsonForScript(b.figure)
              }</script>`,
              b.caption !== undefined ? `<figcaption>${escapeHtml(b.caption)}</figcaption>` : "",
              "</figure>",
            );
            break;
          }
        }
      }
      out.push("</section>");
    });
    out.push("</main>");
    const when = (this.#generatedAt ?? new Date()).toISOString();
    out.push(`<footer>Generated ${escapeHtml(when)} · Marketplace ML Lab</footer>`);
    if (chartIndex > 0) {
      out.push(`<script id="plotly-js">${plotlySource()}</script>`);
      out.push(`<script>${RENDER_SCRIPT.replace("__CONFIG__", jsonForScript(PLOTLY_CONFIG))}</script>`);
    }
    out.push("</body></html>");
    return out.join("\n");
  }

  /** Renders and writes the report atomically (parent folders created). */
  async write(path: string): Promise<void> {
    await writeTextAtomic(path, this.render());
  }
}

/** Renders every embedded figure; a failing chart shows its error instead of breaking the page. */
const RENDER_SCRIPT = `(function () {
  var config = __CONFIG__;
  var nodes = document.querySelectorAll("script.figure-data");
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i], target = document.getElementById(el.getAttribute("data-target"));
    try {
      var fig = JSON.parse(el.textContent);
      Plotly.newPlot(target, fig.data, fig.layout, config);
    } catch (e) {
      target.textContent = "Chart failed to render: " + e;
    }
  }
})();`;
