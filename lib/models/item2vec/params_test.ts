import assert from "node:assert/strict";
import { resolveItem2VecParams, validateItem2VecParams } from "./params.ts";
import { InputError } from "../../errors.ts";

Deno.test("item2vec params: defaults valid; bad values name the parameter", () => {
  validateItem2VecParams(resolveItem2VecParams());
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ dim: 0 }, /"dim" must be an integer in \[1, 1024\], got 0/],
    [{ context: "graph" }, /"context"/],
    [{ window: 0 }, /"window"/],
    [{ negatives: 0 }, /"negatives"/],
    [{ negativePower: 2 }, /"negativePower"/],
    [{ epochs: 0.5 }, /"epochs"/],
    [{ learningRate: 0 }, /"learningRate" must be a number in \(0, 1\]/],
    [{ minCount: 0 }, /"minCount"/],
    [{ subsample: -1 }, /"subsample"/],
    [{ alpha: 1 }, /"alpha" is not an item2vec parameter/],
  ];
  for (const [partial, re] of cases) {
    assert.throws(
      () => validateItem2VecParams(resolveItem2VecParams(partial as never)),
      (e: unknown) => e instanceof InputError && re.test(e.message),
      String(re),
    );
  }
});
