import assert from "node:assert/strict";
import {
  checkImport,
  findViolations,
  importableSource,
  relativeImports,
  resolveImport,
} from "./import_rules.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const SCANNED = ["lib", "sim", "experiments", "bench", "notebooks", "server", "scripts"];

async function collect(dir: string, out: Map<string, string>): Promise<void> {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(ROOT + dir)];
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    throw e;
  }
  for (const e of entries) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) {
      if (e.name === "node_modules" || e.name === "results") continue;
      await collect(path, out);
    } else if (/\.(ts|tsx|mts|js|mjs|ipynb)$/.test(e.name) && path !== "lib/import_rules_test.ts") {
      // (this file is left out: its fixtures are import statements that break the rules on purpose)
      out.set(path, await Deno.readTextFile(ROOT + path));
    }
  }
}

Deno.test("import rules: the source tree breaks none of them", async () => {
  const files = new Map<string, string>();
  for (const dir of SCANNED) await collect(dir, files);
  assert.ok(files.size > 100, `scanned only ${files.size} files`);
  const violations = findViolations(files);
  assert.deepEqual(
    violations.map((v) => `${v.file} → ${v.target}: ${v.rule}`),
    [],
  );
});

Deno.test("import rules: each rule rejects what it forbids and allows the rest", () => {
  // 1. lib imports only lib.
  assert.ok(checkImport("lib/models/gbdt/model.ts", "sim/dispatch/mod.ts"));
  assert.ok(checkImport("lib/data/db.ts", "experiments/demo.ts"));
  assert.equal(checkImport("lib/models/gbdt/model.ts", "lib/models/tree/mod.ts"), undefined);
  // 2. sim imports lib and sim only.
  assert.ok(checkImport("sim/dispatch/simulator.ts", "bench/common.ts"));
  assert.equal(checkImport("sim/dispatch/simulator.ts", "lib/domains/dispatch/mod.ts"), undefined);
  assert.equal(checkImport("sim/dispatch/simulator.ts", "sim/common/mod.ts"), undefined);
  // 3. private files stay in their folder.
  assert.ok(checkImport("lib/models/linear/fit.ts", "lib/models/gbdt/_test_data.ts"));
  assert.ok(checkImport("sim/dispatch/effects_test.ts", "sim/common/_fit_logit.ts"));
  assert.equal(checkImport("lib/models/gbdt/booster_test.ts", "lib/models/gbdt/_test_data.ts"), undefined);
  // 4. faces go through doors.
  assert.ok(checkImport("experiments/demo.ts", "lib/models/gbdt/booster.ts"));
  assert.ok(checkImport("notebooks/01.ipynb", "lib/data/types.ts"));
  assert.equal(checkImport("experiments/demo.ts", "lib/models/gbdt/mod.ts"), undefined);
  assert.equal(checkImport("bench/gbdt.ts", "lib/errors.ts"), undefined);
  assert.equal(checkImport("server/app.ts", "sim/dispatch/mod.ts"), undefined);
  // 5. nothing imports a face but a face of its own kind.
  assert.ok(checkImport("sim/feed/simulator.ts", "bench/common.ts"));
  assert.ok(checkImport("server/app.ts", "experiments/demo.ts"));
  assert.equal(checkImport("bench/gbdt.ts", "bench/common.ts"), undefined);
});

Deno.test("import rules: specifiers are read from every import form and resolved against the file", () => {
  const src = [
    `import { a } from "./a.ts";`,
    `import type { B } from '../b/mod.ts';`,
    `export { c } from "./c.ts";`,
    `export * from "./d.ts";`,
    `import "./side_effect.ts";`,
    `const m = await import("../../e.ts");`,
    `import {\n  f,\n  g,\n} from "./multi_line.ts";`,
    `import x from "npm:hono"; import y from "node:fs"; import z from "fast-check";`,
  ].join("\n");
  assert.deepEqual(relativeImports(src).sort(), [
    "../../e.ts",
    "../b/mod.ts",
    "./a.ts",
    "./c.ts",
    "./d.ts",
    "./multi_line.ts",
    "./side_effect.ts",
  ]);
  assert.equal(resolveImport("lib/models/gbdt/model.ts", "../tree/mod.ts"), "lib/models/tree/mod.ts");
  assert.equal(resolveImport("experiments/demo.ts", "../lib/errors.ts"), "lib/errors.ts");
  assert.equal(resolveImport("lib/a.ts", "../../outside.ts"), undefined);
  const nb = JSON.stringify({
    cells: [
      { cell_type: "markdown", source: [`import { no } from "../lib/models/gbdt/booster.ts";`] },
      { cell_type: "code", source: [`import { yes } from "../lib/data/types.ts";\n`] },
    ],
  });
  assert.deepEqual(relativeImports(importableSource("notebooks/x.ipynb", nb)), ["../lib/data/types.ts"]);
  const violations = findViolations(new Map([["notebooks/x.ipynb", nb]]));
  assert.equal(violations.length, 1);
  assert.equal(violations[0]!.target, "lib/data/types.ts");
});
