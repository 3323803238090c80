import assert from "node:assert/strict";
import { DEFAULT_WIDE_DEEP_PARAMS, resolveWideDeepParams, validateWideDeepParams } from "./params.ts";
import { InputError } from "../../errors.ts";

const names = ["a", "b", "x"];
const cats = new Set(["a", "b"]);

Deno.test("wide & deep params: defaults are valid and not shared between calls", () => {
  validateWideDeepParams(resolveWideDeepParams(), names, cats);
  const p = resolveWideDeepParams();
  p.hiddenUnits.push(3);
  assert.deepEqual(DEFAULT_WIDE_DEEP_PARAMS.hiddenUnits, [64, 32]);
  assert.deepEqual(resolveWideDeepParams({ embeddingDim: undefined }).embeddingDim, 8);
});

Deno.test("wide & deep params: bad values throw InputError naming the parameter", () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ embeddingDim: 0 }, /"embeddingDim" must be an integer in \[1, 256\], got 0/],
    [{ hiddenUnits: [8, 0] }, /"hiddenUnits\[1\]"/],
    [{ learningRate: 0 }, /"learningRate"/],
    [{ batchSize: 1.5 }, /"batchSize"/],
    [{ crosses: [["a"]] }, /"crosses\[0\]" must name at least two/],
    [{ crosses: [["a", "x"]] }, /"crosses\[0\]" names "x", which is not a categorical/],
    [{ crosses: [["a", "a"]] }, /names a feature twice/],
    [{ categoricalFeatures: ["zz"] }, /"categoricalFeatures" names "zz"/],
    [{ unknownCategory: "drop" }, /"unknownCategory"/],
    [{ numericMissing: "zero" }, /"numericMissing"/],
    [{ crossBuckets: 0 }, /"crossBuckets"/],
    [{ patience: -1 }, /"patience"/],
    [{ l2: -1 }, /"l2"/],
    [{ l2Embeddings: 11 }, /"l2Embeddings"/],
    [{ dropout: 0.1 }, /"dropout" is not a wide & deep parameter/],
  ];
  for (const [partial, re] of cases) {
    const p = resolveWideDeepParams(partial as never);
    assert.throws(
      () => validateWideDeepParams(p, names, cats),
      (e: unknown) => e instanceof InputError && re.test(e.message),
      String(re),
    );
  }
});
