import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "./errors.ts";
import {
  describeValue,
  requireBinary,
  requireFinite,
  requireKnownKeys,
  requireProbabilities,
  requireWeights,
} from "./validate.ts";

const inputError = (field: string, pattern: RegExp) => (e: unknown) =>
  e instanceof InputError && e.field === field && pattern.test(e.message);

Deno.test("requireProbabilities: accepts [0, 1], rejects NaN and values outside, naming the index", () => {
  requireProbabilities("p", [0, 0.5, 1]);
  requireProbabilities("p", []);
  assert.throws(() => requireProbabilities("p", [0.2, NaN]), inputError("p", /index 1 is NaN/));
  assert.throws(() => requireProbabilities("p", [1.0000001]), inputError("p", /index 0 .*\[0, 1\]/));
  assert.throws(() => requireProbabilities("probs", [0, -0.1]), inputError("probs", /index 1/));
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true })), (xs) => requireProbabilities("p", xs)),
  );
});

Deno.test("requireWeights: optional; same length, finite, non-negative, not all zero", () => {
  requireWeights(undefined, "labels", 3);
  requireWeights([0, 2, 0.5], "labels", 3);
  assert.throws(
    () => requireWeights([1, 1], "scores", 3),
    inputError("weights", /length 2 does not match "scores" length 3/),
  );
  assert.throws(() => requireWeights([1, -1, 1], "labels", 3), inputError("weights", /index 1 is -1/));
  assert.throws(
    () => requireWeights([1, Infinity], "labels", 2),
    inputError("weights", /index 1 is Infinity/),
  );
  assert.throws(() => requireWeights([NaN], "labels", 1), inputError("weights", /index 0 is NaN/));
  assert.throws(() => requireWeights([0, 0], "labels", 2), inputError("weights", /must not all be zero/));
});

Deno.test("requireFinite / requireBinary: a string value says it is a string", () => {
  const strings = ["1", "0"] as unknown as number[];
  assert.throws(
    () => requireFinite("labels", strings),
    inputError("labels", /value at index 0 is the string "1"; expected a finite number/),
  );
  assert.throws(
    () => requireBinary("labels", [0, "1"] as unknown as number[]),
    inputError("labels", /value at index 1 is the string "1"; expected 0 or 1/),
  );
  assert.throws(() => requireFinite("x", [1, NaN]), inputError("x", /value at index 1 is NaN;/));
  assert.equal(describeValue(-2.5), "-2.5");
  assert.equal(describeValue(""), 'the string ""');
  assert.equal(describeValue(true), "the boolean true");
  assert.equal(describeValue(null), "null");
  assert.equal(describeValue(undefined), "undefined");
});

Deno.test("requireKnownKeys: lists the allowed keys, suggests the near miss, names the nested field", () => {
  requireKnownKeys({ orders: 1, seed: 2 }, ["orders", "seed"]);
  requireKnownKeys({}, []);
  const fails = (fn: () => void, field: string, message: RegExp) =>
    assert.throws(fn, (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, field);
      assert.match(e.message, message);
      return true;
    });
  fails(
    () => requireKnownKeys({ order: 200 }, ["orders", "seed"]),
    "order",
    /did you mean "orders"\?\); allowed: orders, seed$/,
  );
  fails(() => requireKnownKeys({ sede: 3 }, ["seed", "scale"]), "sede", /did you mean "seed"/);
  fails(
    () => requireKnownKeys({ colour: 1 }, ["seed", "scale"]),
    "colour",
    /^Invalid "colour": unknown option; allowed: seed, scale$/,
  );
  fails(() => requireKnownKeys({ x: undefined }, ["y"]), "x", /unknown option/); // undefined values count
  fails(
    () => requireKnownKeys({ users: "u" }, ["user", "item"], "columns"),
    "columns.users",
    /did you mean "user"/,
  );
});
