import assert from "node:assert/strict";
import { InputError } from "../../errors.ts";
import { resolveTwoTowerParams, TWO_TOWER_DEFAULTS } from "./params.ts";

Deno.test("resolveTwoTowerParams: defaults and every range check names the parameter", () => {
  assert.deepEqual(resolveTwoTowerParams(), TWO_TOWER_DEFAULTS);
  assert.equal(resolveTwoTowerParams({ temperature: 0.5 }).temperature, 0.5);
  const bad: [Record<string, unknown>, string][] = [
    [{ embeddingDim: 1 }, "embeddingDim"],
    [{ temperature: 0 }, "temperature"],
    [{ temperature: NaN }, "temperature"],
    [{ hidden: [0] }, "hidden[0]"],
    [{ hidden: [1, 2, 3, 4, 5] }, "hidden"],
    [{ idDropout: 1 }, "idDropout"],
    [{ batchSize: 1 }, "batchSize"],
    [{ learningRate: 0 }, "learningRate"],
    [{ randomNegatives: -1 }, "randomNegatives"],
    [{ logQCorrection: "yes" }, "logQCorrection"],
    [{ backend: "gpu" }, "backend"],
    [{ epoch: 3 }, "epoch"],
  ];
  for (const [p, field] of bad) {
    assert.throws(
      () => resolveTwoTowerParams(p as never),
      (e: unknown) =>
        e instanceof InputError && e.field === field &&
        e.message.includes(`Cannot fit two-tower: "${field}"`),
      field,
    );
  }
});
