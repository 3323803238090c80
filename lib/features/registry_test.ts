import assert from "node:assert/strict";
import { ConflictError, InputError } from "../errors.ts";
import { validateFeatureDef } from "./feature_def.ts";
import { FeatureRegistry, similarNames } from "./registry.ts";
import { DEFS, fixtureRegistry } from "./_fixture.ts";

Deno.test("register, get, list; duplicates are ConflictError", () => {
  const reg = fixtureRegistry();
  assert.equal(reg.get("driver_rating").ttlMs, 3 * 86_400_000);
  assert.deepEqual(reg.list().map((d) => d.name), [
    "driver_acceptance_rate_7d",
    "driver_offered_7d",
    "driver_rating",
    "driver_tier",
    "rider_is_new",
  ]);
  assert.deepEqual(reg.list("rider").map((d) => d.name), ["rider_is_new"]);
  assert.throws(
    () => reg.register(DEFS[0]!),
    (e: unknown) => e instanceof ConflictError && /driver_offered_7d/.test(e.message),
  );
  assert.equal(reg.has("driver_tier"), true);
});

Deno.test("unknown names are InputErrors that suggest similar names", () => {
  const reg = fixtureRegistry();
  assert.throws(
    () => reg.get("driver_ratng"),
    (e: unknown) => e instanceof InputError && /did you mean "driver_rating"/.test(e.message),
  );
  assert.throws(() => reg.get("rating"), /"driver_rating"/);
  assert.throws(() => reg.get("zzzzzzzzzzzzzzzzzzzz"), /registered: driver_acceptance_rate_7d/);
  assert.throws(() => new FeatureRegistry().get("x"), /no features are registered/);
  assert.throws(() => reg.getMany([]), /at least one/);
  assert.throws(() => reg.getMany(["driver_tier", "driver_tier"]), /listed twice/);
  assert.deepEqual(similarNames("abc", ["abd", "xyz", "zabcz"]), ["zabcz", "abd"]);
});

Deno.test("validateFeatureDef names the bad field", () => {
  const ok = DEFS[0]!;
  const bad = (patch: object, field: RegExp) =>
    assert.throws(
      () => validateFeatureDef({ ...ok, ...patch }),
      (e: unknown) => e instanceof InputError && field.test(e.field ?? ""),
    );
  bad({ name: "Bad Name" }, /^name$/);
  bad({ dtype: "TEXT" }, /dtype/);
  bad({ ttlMs: 0 }, /ttlMs/);
  bad({ owner: "" }, /owner/);
  bad({ value: "1; drop table x" }, /value/);
  bad({ entity: "Driver" }, /entity/);
  bad({ name: "__x" }, /^name$/);
});
