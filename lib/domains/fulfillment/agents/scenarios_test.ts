import assert from "node:assert/strict";
import { loadKnowledgeBase } from "../knowledge.ts";
import { runScenario } from "./evaluate.ts";
import { SCENARIOS } from "./scenarios.ts";

const kb = await loadKnowledgeBase();

for (const s of SCENARIOS) {
  Deno.test(`scenario ${s.name}: final state equals the expected state`, async () => {
    const run = await runScenario(s, kb);
    assert.deepEqual(run.diff, [], `${s.description}\n${run.diff.join("\n")}`);
  });
}
