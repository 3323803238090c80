import assert from "node:assert/strict";
import { InputError } from "../../../errors.ts";
import type { ObjectiveName } from "../objective.ts";
import { createObjective, OBJECTIVE_NAMES } from "./mod.ts";

Deno.test("createObjective: builds every named objective with its output count", () => {
  for (const name of OBJECTIVE_NAMES) {
    const obj = createObjective(name, { numClass: 4, groups: [2] });
    assert.equal(obj.name, name);
    assert.equal(obj.nOutputs, name === "multiclass" ? 4 : 1);
  }
  const binary = createObjective("binary", { scalePosWeight: 3 });
  assert.equal(binary.initScore([1, 0, 0, 0])[0], 0); // 3 / (3 + 3) → log-odds 0
});

Deno.test("createObjective: unknown names and missing numClass are InputErrors listing the choices", () => {
  assert.throws(
    () => createObjective("huber" as ObjectiveName, {}),
    (e) => e instanceof InputError && e.field === "objective" && /"binary".*"multiclass"/.test(e.message),
  );
  assert.throws(
    () => createObjective("multiclass", {}),
    (e) => e instanceof InputError && e.field === "numClass",
  );
});
