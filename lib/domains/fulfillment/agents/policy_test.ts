import assert from "node:assert/strict";
import { loadKnowledgeBase } from "../knowledge.ts";
import { POLICY_FIGURES } from "./policy.ts";

const kb = await loadKnowledgeBase();

Deno.test("every figure the rules apply is the one its clause states", () => {
  const wrong = POLICY_FIGURES.filter((f) => !kb.clause(f.clause).text.includes(f.says))
    .map((f) => `${f.clause} should say "${f.says}": ${kb.clause(f.clause).text}`);
  assert.deepEqual(wrong, []);
});

Deno.test("every clause id written in the agents' code exists in the knowledge base", async () => {
  const dir = new URL(".", import.meta.url);
  const missing: string[] = [];
  let seen = 0;
  for await (const e of Deno.readDir(dir)) {
    if (!e.name.endsWith(".ts") || e.name.endsWith("_test.ts")) continue;
    const src = await Deno.readTextFile(new URL(e.name, dir));
    for (const m of src.matchAll(/"((?:SHIP|CUST|PAY|ESC)-\d+\.\d+)"/g)) {
      seen++;
      if (!kb.has(m[1]!)) missing.push(`${e.name}: ${m[1]}`);
    }
  }
  assert.ok(seen > 40, `only ${seen} clause references found`);
  assert.deepEqual(missing, []);
});
