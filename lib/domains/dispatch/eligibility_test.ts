import assert from "node:assert/strict";
import { InputError } from "../../errors.ts";
import {
  SERVICE_LEVELS,
  SERVICE_TYPES,
  serviceLevelAllows,
  serviceLevelRule,
  VEHICLE_TYPES,
  vehicleCompatible,
  vehicleTypeRule,
} from "./eligibility.ts";

Deno.test("eligibility: the full service × vehicle × level table, written out by hand", () => {
  // who may take each service (spec 000: vehicle type filter; premium order needs a premium driver)
  const expected: Record<string, string[]> = {
    bike: ["bike/standard", "bike/premium"],
    car: ["car/standard", "car/premium", "premium/standard", "premium/premium"],
    premium: ["car/premium", "premium/premium"],
  };
  for (const s of SERVICE_TYPES) {
    const ok: string[] = [];
    for (const v of VEHICLE_TYPES) {
      for (const l of SERVICE_LEVELS) {
        if (vehicleCompatible(s, v) && serviceLevelAllows(s, l)) ok.push(`${v}/${l}`);
      }
    }
    assert.deepEqual(ok, expected[s], s);
  }
});

Deno.test("eligibility rules: who each removes, with reasons, in input order", () => {
  const cands = [
    { driverId: "B", vehicleType: "bike" as const, serviceLevel: "standard" as const },
    { driverId: "C", vehicleType: "car" as const, serviceLevel: "standard" as const },
    { driverId: "P", vehicleType: "premium" as const, serviceLevel: "premium" as const },
  ];
  const car = vehicleTypeRule({ serviceType: "car" }, cands);
  assert.deepEqual(car.kept.map((c) => c.driverId), ["C", "P"]);
  assert.deepEqual(car.removed, [{
    driverId: "B",
    rule: "vehicle_type",
    reason: "a bike cannot serve a car order (needs car or premium)",
  }]);
  const bike = vehicleTypeRule({ serviceType: "bike" }, cands);
  assert.deepEqual(bike.kept.map((c) => c.driverId), ["B"]);
  const premium = serviceLevelRule({ serviceType: "premium" }, car.kept);
  assert.deepEqual(premium.kept.map((c) => c.driverId), ["P"]);
  assert.deepEqual(premium.removed, [{
    driverId: "C",
    rule: "service_level",
    reason: "a standard driver cannot take a premium order (needs premium)",
  }]);
  assert.equal(serviceLevelRule({ serviceType: "car" }, cands).removed.length, 0);
});

Deno.test("eligibility: unknown service, vehicle or level are InputErrors naming the field", () => {
  const named = (field: string) => (e: unknown) => e instanceof InputError && e.field === field;
  const c = { driverId: 1, vehicleType: "bike" as const, serviceLevel: "standard" as const };
  assert.throws(() => vehicleTypeRule({ serviceType: "truck" as "car" }, [c]), named("serviceType"));
  assert.throws(
    () => vehicleTypeRule({ serviceType: "car" }, [c, { ...c, vehicleType: "van" as "car" }]),
    named("candidates[1].vehicleType"),
  );
  assert.throws(
    () => serviceLevelRule({ serviceType: "car" }, [{ ...c, serviceLevel: "gold" as "premium" }]),
    (e: unknown) =>
      named("candidates[0].serviceLevel")(e) && /"standard", "premium"/.test((e as Error).message),
  );
});
