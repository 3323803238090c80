import assert from "node:assert/strict";
import fc from "fast-check";
import { EARTH_RADIUS_KM, haversineKm } from "./geo.ts";

Deno.test("haversineKm: a degree of the equator or of a meridian, half the globe, zero and symmetry", () => {
  const degree = (2 * Math.PI * EARTH_RADIUS_KM) / 360; // 111.195 km
  assert.ok(Math.abs(haversineKm(0, 0, 0, 1) - degree) < 1e-9);
  assert.ok(Math.abs(haversineKm(10, 106, 11, 106) - degree) < 1e-9);
  assert.ok(Math.abs(haversineKm(0, 0, 0, 180) - Math.PI * EARTH_RADIUS_KM) < 1e-6);
  // a degree of longitude at 60° N is half as long as at the equator (to first order over a degree)
  assert.ok(Math.abs(haversineKm(60, 0, 60, 1) / degree - 0.5) < 1e-4);
  fc.assert(
    fc.property(
      fc.double({ min: -80, max: 80, noNaN: true }),
      fc.double({ min: -179, max: 179, noNaN: true }),
      fc.double({ min: -80, max: 80, noNaN: true }),
      fc.double({ min: -179, max: 179, noNaN: true }),
      (a, b, c, d) => {
        const x = haversineKm(a, b, c, d);
        return haversineKm(a, b, a, b) === 0 && x >= 0 && Math.abs(x - haversineKm(c, d, a, b)) < 1e-9;
      },
    ),
  );
});
