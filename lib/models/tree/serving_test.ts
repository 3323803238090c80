/**
 * Serving stands apart from training: the tree serving module imports no training code, and loading a
 * GBDT for prediction reaches no objective (the model file's link is all it needs).
 */
import assert from "node:assert/strict";
import { relativeImports, resolveImport } from "../../import_rules.ts";

const here = new URL(".", import.meta.url).pathname;
const root = new URL("../../../", import.meta.url).pathname;

/** A source without its comments (doc examples) and type-only imports and exports (erased at runtime). */
function runtimeSource(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\b(?:import|export)\s+type\s[^;]*?\bfrom\s*["'][^"']+["'];?/g, "");
}

/** Project-relative files reachable from `file` through relative runtime imports. */
function closure(file: string): Set<string> {
  const seen = new Set<string>(), todo = [file];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const spec of relativeImports(runtimeSource(Deno.readTextFileSync(root + f)))) {
      const target = resolveImport(f, spec);
      if (target !== undefined && target.endsWith(".ts")) todo.push(target);
    }
  }
  return seen;
}

Deno.test("lib/models/tree imports no training code", () => {
  for (const entry of Deno.readDirSync(here)) {
    if (!entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) continue;
    const reached = [...closure(`lib/models/tree/${entry.name}`)];
    const training = reached.filter((f) => f.startsWith("lib/models/gbdt/"));
    assert.deepEqual(training, [], `${entry.name} reaches ${training.join(", ")}`);
  }
});

Deno.test("loading a GBDT (model.ts, persist.ts) reaches no objective, grower or booster", () => {
  for (const file of ["lib/models/gbdt/model.ts", "lib/models/gbdt/persist.ts"]) {
    const reached = [...closure(file)];
    const training = reached.filter((f) =>
      /gbdt\/(objectives\/|objective\.ts|grower|booster|histogram|split)/.test(f)
    );
    assert.deepEqual(training, [], `${file} reaches ${training.join(", ")}`);
  }
});
