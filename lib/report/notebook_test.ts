import assert from "node:assert/strict";
import { barChart } from "./charts/distribution.ts";
import {
  display,
  displayHtml,
  displaySettleMs,
  figureHtml,
  figureMimeBundle,
  inJupyter,
} from "./notebook.ts";

const fig = barChart({ labels: ["a", "<b>"], values: [1, 2] }, { title: "t" });

Deno.test("outside Jupyter, display helpers print a hint and resolve to undefined", async () => {
  assert.equal(inJupyter(), false);
  const logged: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => logged.push(args.join(" "));
  try {
    assert.equal(await display(fig), undefined);
    assert.equal(await displayHtml("<p>x</p>"), undefined);
  } finally {
    console.log = original;
  }
  assert.equal(logged.length, 2);
  assert.match(logged[0]!, /not running in Jupyter/);
});

Deno.test("figureMimeBundle: html with div + newPlot script, plotly JSON, plain text", () => {
  const bundle = figureMimeBundle(fig, { includePlotly: false });
  const html = bundle["text/html"] as string;
  const id = /<div id="(plotly-[^"]+)"/.exec(html)?.[1];
  assert.ok(id);
  assert.ok(html.includes(`window.Plotly.newPlot("${id}"`));
  assert.ok(!html.includes("plotly.js v3"), "library not inlined when includePlotly is false");
  assert.ok(!html.includes('"<b>"'), "labels are escaped inside the script");
  assert.deepEqual((bundle["application/vnd.plotly.v1+json"] as { data: unknown }).data, fig.data);
  assert.equal(bundle["text/plain"], "<Plotly figure: t with 1 trace(s)>");
});

Deno.test("figureHtml inlines plotly.js once per process by default", () => {
  const first = figureHtml(fig);
  const second = figureHtml(fig);
  assert.ok(first.includes("plotly.js v3"));
  assert.ok(!second.includes("plotly.js v3"));
  assert.ok(figureHtml(fig, { includePlotly: true }).includes("plotly.js v3"));
  assert.notEqual(/id="([^"]+)"/.exec(first)![1], /id="([^"]+)"/.exec(second)![1], "div ids are unique");
});

Deno.test("LAB_NOTEBOOK_PLOTLY=external: no output inlines plotly.js unless asked to", () => {
  const before = Deno.env.get("LAB_NOTEBOOK_PLOTLY");
  Deno.env.set("LAB_NOTEBOOK_PLOTLY", "external");
  try {
    const html = figureHtml(fig);
    assert.ok(!html.includes("plotly.js v3"));
    assert.ok(html.includes("window.Plotly.newPlot("), "the figure still draws once the page has plotly.js");
    assert.ok(
      figureHtml(fig, { includePlotly: true }).includes("plotly.js v3"),
      "an explicit true still inlines",
    );
  } finally {
    if (before === undefined) Deno.env.delete("LAB_NOTEBOOK_PLOTLY");
    else Deno.env.set("LAB_NOTEBOOK_PLOTLY", before);
  }
});

Deno.test("displaySettleMs grows with the output size and is capped at 2 s", () => {
  assert.equal(displaySettleMs(0), 25);
  assert.equal(displaySettleMs(20_000), 26);
  assert.equal(displaySettleMs(4_600_000), 255);
  assert.equal(displaySettleMs(1e9), 2000);
});
