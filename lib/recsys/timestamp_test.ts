import assert from "node:assert/strict";
import fc from "fast-check";
import { parseDecimal, parseIsoTimestamp } from "./timestamp.ts";

Deno.test("parseDecimal accepts decimal numbers only", () => {
  for (
    const [s, v] of [["12", 12], [" -1.5 ", -1.5], [".5", 0.5], ["3.", 3], ["1e9", 1e9], [
      "+2E-3",
      0.002,
    ]] as const
  ) {
    assert.equal(parseDecimal(s), v, s);
  }
  for (const s of ["", " ", "0x10", "1 2", "Infinity", "NaN", "1,5", "1e", "--1", "7/3", "March 7"]) {
    assert.ok(Number.isNaN(parseDecimal(s)), s);
  }
});

Deno.test("parseIsoTimestamp: dates and datetimes as UTC, offsets applied", () => {
  const cases: [string, number][] = [
    ["2024-03-07", Date.UTC(2024, 2, 7)],
    ["2024-03-07T12:30", Date.UTC(2024, 2, 7, 12, 30)],
    ["2024-03-07 12:30:15", Date.UTC(2024, 2, 7, 12, 30, 15)],
    ["2024-03-07T12:30:15.25Z", Date.UTC(2024, 2, 7, 12, 30, 15, 250)],
    ["2024-03-07T12:30:15+02:00", Date.UTC(2024, 2, 7, 10, 30, 15)],
    ["2024-03-07T12:30:15-0130", Date.UTC(2024, 2, 7, 14, 0, 15)],
    ["2024-03-07T12:30:15+05", Date.UTC(2024, 2, 7, 7, 30, 15)],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
  ];
  for (const [s, v] of cases) assert.equal(parseIsoTimestamp(s), v, s);
  // years below 100 are not shifted to the 1900s (Date.UTC's legacy rule)
  assert.equal(new Date(parseIsoTimestamp("0099-01-01")).getUTCFullYear(), 99);
});

Deno.test("parseIsoTimestamp rejects what Date.parse would guess at", () => {
  for (
    const s of [
      "March 7",
      "7/3",
      "1 2",
      "2024",
      "2024-3-7",
      "2023-02-29",
      "2024-04-31",
      "2024-13-01",
      "2024-00-10",
      "2024-01-02T24:00",
      "2024-01-02T12:60",
      "2024-01-02T12:00:61",
      "2024-01-02Z",
      "2024-01-02T12:00+25:00",
      "Tue, 02 Jan 2024 12:00:00 GMT",
      "",
    ]
  ) {
    assert.ok(Number.isNaN(parseIsoTimestamp(s)), s);
  }
});

Deno.test("property: parseIsoTimestamp inverts Date.toISOString", () => {
  fc.assert(fc.property(fc.integer({ min: -30_000_000_000_000, max: 200_000_000_000_000 }), (ms) => {
    const iso = new Date(ms).toISOString();
    if (iso.startsWith("+") || iso.startsWith("-")) return; // expanded years are out of scope
    assert.equal(parseIsoTimestamp(iso), ms);
    assert.equal(
      parseIsoTimestamp(iso.slice(0, 10)),
      Date.UTC(1970, 0, 1) + Math.floor(ms / 86_400_000) * 86_400_000,
    );
  }));
});
