import assert from "node:assert/strict";
import { encodeStrings, makeFrame } from "../data/frame.ts";
import { InputError } from "../errors.ts";
import { rocChart } from "./charts/classification.ts";
import { barChart } from "./charts/distribution.ts";
import { escapeHtml, formatNumber } from "./html.ts";
import { plotlyCandidates, plotlySource } from "./plotly_source.ts";
import { Report } from "./report.ts";
import { tableHtml } from "./table.ts";

const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The JSON payloads of the embedded figures, in order. */
function embeddedFigures(html: string): unknown[] {
  const re =
    /<script type="application\/json" class="figure-data" data-target="chart-(\d+)">([\s\S]*?)<\/script>/g;
  return [...html.matchAll(re)].map((m) => JSON.parse(m[2]!));
}

Deno.test("escapeHtml escapes the five special characters", () => {
  assert.equal(escapeHtml(`a<b>&"c'`), "a&lt;b&gt;&amp;&quot;c&#39;");
});

Deno.test("formatNumber: grouping, fraction digits, exponent and non-finite", () => {
  assert.equal(formatNumber(1234567), "1,234,567");
  assert.equal(formatNumber(0.123456789), "0.1235");
  assert.equal(formatNumber(0.5, 2), "0.5");
  assert.equal(formatNumber(0.00001234), "1.234e-5");
  assert.equal(formatNumber(NaN), "NaN");
  assert.equal(formatNumber(-Infinity), "−∞");
});

Deno.test("tableHtml escapes an XSS string in a cell and in a header", () => {
  const html = tableHtml([{ name: XSS, value: 1.5 }, { [XSS]: "h" }]);
  assert.ok(!html.includes("<script>"), "raw <script> must not survive");
  assert.ok(!html.includes("<img"), "raw <img must not survive");
  assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
  assert.equal(count(html, "<tr>"), 3); // header + 2 rows
});

Deno.test("tableHtml from a Frame decodes strings, formats numbers, limits rows", () => {
  const frame = makeFrame({
    city: encodeStrings(["Lisbon", null, "Porto"]),
    gmv: new Float64Array([1234.56789, NaN, 2]),
    n: new Int32Array([1, 2, 3]),
  });
  const html = tableHtml(frame, { maxRows: 2, caption: "cities" });
  assert.ok(html.includes("<td>Lisbon</td>"));
  assert.ok(html.includes('<td class="num">1,234.5679</td>'));
  assert.ok(html.includes('<td class="num">NaN</td>'));
  assert.ok(!html.includes("Porto"));
  assert.ok(html.includes("Showing 2 of 3 rows."));
  assert.ok(html.includes("<caption>cities</caption>"));
  assert.throws(() => tableHtml(frame, { columns: ["nope"] }), InputError);
});

Deno.test("Report.render: one plotly script, every figure embedded, text escaped", () => {
  const roc = rocChart({ fpr: [0, 0.1, 1], tpr: [0, 0.7, 1], auc: 0.83, name: XSS });
  const bars = barChart({ labels: ["a", "</script>"], values: new Float64Array([1, 2]) });
  const r = new Report({
    title: `Run ${XSS}`,
    subtitle: "sub & title",
    meta: { seed: 42, commit: "abc123" },
    generatedAt: new Date(0),
  });
  r.section("Summary").paragraph(XSS).kpis([{ label: "AUC", value: 0.912345, hint: "95% CI" }, {
    label: "rows",
    value: 12000,
  }]);
  r.section("Charts").chart(roc, { caption: "ROC" }).chart(bars);
  r.section("Data").table([{ cell: XSS }]).json({ note: XSS });
  const html = r.render();
  assert.ok(html.startsWith("<!doctype html>"));
  assert.equal(count(html, '<script id="plotly-js">'), 1);
  assert.equal(count(html, "plotly.js v3"), 1, "plotly bundle inlined exactly once");
  assert.equal(count(html, "<script>alert"), 0, "no unescaped XSS anywhere");
  assert.equal(count(html, "<img src=x"), 0);
  // JSON payloads parse back to the exact figures (labels with </script> survive escaping).
  assert.deepEqual(embeddedFigures(html), [
    JSON.parse(JSON.stringify(roc)),
    JSON.parse(JSON.stringify(bars)),
  ]);
  assert.ok(html.includes('<div class="plot" id="chart-0"></div>') && html.includes('id="chart-1"'));
  assert.ok(html.includes("<dt>seed</dt><dd>42</dd>"));
  assert.ok(html.includes('<div class="value">0.9123</div>'));
  assert.ok(html.includes('<div class="value">12,000</div>'));
  assert.ok(html.includes("1970-01-01T00:00:00.000Z"));
  assert.ok(!/https?:\/\/[^"'\s]*\.(css|js)\b/.test(html.replace(plotlySource(), "")), "no external CSS/JS");
  assert.equal(r.chartCount, 2);
});

Deno.test("Report without charts does not inline plotly", () => {
  const html = new Report({ title: "t" }).paragraph("hello").render();
  assert.equal(count(html, "plotly-js"), 0);
  assert.ok(html.includes("<p>hello</p>"));
});

Deno.test("Report rejects an empty title and a non-figure chart", () => {
  assert.throws(() => new Report({ title: " " }), InputError);
  assert.throws(() => new Report({ title: "t" }).chart({} as never), InputError);
});

Deno.test("Report.write writes atomically: final file present, no temp file left", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/nested/run/report.html`;
    const r = new Report({ title: "written" }).chart(rocChart({ fpr: [0, 1], tpr: [0, 1], auc: 0.5 }));
    await Deno.writeTextFile(`${dir}/marker`, ""); // unrelated file stays
    await r.write(path);
    const text = await Deno.readTextFile(path);
    assert.ok(text.includes("<title>written</title>"));
    const names = [...Deno.readDirSync(`${dir}/nested/run`)].map((e) => e.name);
    assert.deepEqual(names, ["report.html"], "only the final file, no *.tmp");
    // Overwrite goes through a rename too: a second write replaces the file whole.
    await new Report({ title: "second" }).write(path);
    assert.ok((await Deno.readTextFile(path)).includes("<title>second</title>"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("plotly bundle is found via the module graph or the project root", () => {
  const candidates = plotlyCandidates();
  assert.ok(candidates.some((p) => p.endsWith("/node_modules/plotly.js-dist-min/plotly.min.js")));
  assert.ok(plotlySource().length > 1_000_000);
});
