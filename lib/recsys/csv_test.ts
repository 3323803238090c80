import assert from "node:assert/strict";
import { InputError } from "../errors.ts";
import { loadInteractionsCsv, parseInteractionsCsv, splitCsvLine } from "./csv.ts";

Deno.test("parseInteractionsCsv: mapped columns, first-appearance ids, duplicates kept", () => {
  const text = "ts;who;what;stars\n100;alice;m1;5\n90;bob;m2;3\n\n110;alice;m1;4\n";
  const x = parseInteractionsCsv(text, {
    delimiter: ";",
    columns: { user: "who", item: "what", rating: "stars", timestamp: "ts" },
    weightByRating: true,
  });
  assert.deepEqual(x.userIds, ["alice", "bob"]);
  assert.deepEqual(x.itemIds, ["m1", "m2"]);
  assert.deepEqual(Array.from(x.user), [0, 1, 0]);
  assert.deepEqual(Array.from(x.item), [0, 1, 0]); // the repeated (alice, m1) stays two rows
  assert.deepEqual(Array.from(x.rating), [5, 3, 4]);
  assert.deepEqual(Array.from(x.timestamp), [100, 90, 110]);
});

Deno.test("parseInteractionsCsv: ISO timestamps, quotes, no rating column, minRating", () => {
  const x = parseInteractionsCsv(
    'user,item,timestamp\n"a, b",x,2024-01-02T00:00:00Z\nc,"y ""z""",2024-01-01T00:00:00Z\n',
    {
      columns: { rating: null },
    },
  );
  assert.deepEqual(x.userIds, ["a, b", "c"]);
  assert.deepEqual(x.itemIds, ["x", 'y "z"']);
  assert.equal(x.timestamp[0]! - x.timestamp[1]!, 86_400_000);
  const y = parseInteractionsCsv("user,item,rating,timestamp\na,x,5,1\na,y,2,2\nb,x,4,3\n", {
    minRating: 4,
    weightByRating: true,
  });
  assert.deepEqual(Array.from(y.rating), [5, 4]);
  assert.deepEqual(y.itemIds, ["x"]);
});

const STARS = "user,item,rating,timestamp\na,x,4.5,1\na,y,2,2\nb,x,5,3\nb,z,1,4\n";

Deno.test("parseInteractionsCsv: ratings are weights only with weightByRating; minRating only filters", () => {
  // default: the rating column is not a weight (MovieLens stars would otherwise weigh 4.5×)
  assert.deepEqual(Array.from(parseInteractionsCsv(STARS).rating), [1, 1, 1, 1]);
  // minRating filters and the kept rows still weigh 1
  const kept = parseInteractionsCsv(STARS, { minRating: 4 });
  assert.deepEqual(Array.from(kept.rating), [1, 1]);
  assert.deepEqual(Array.from(kept.timestamp), [1, 3]);
  // opt-in weighting, with and without the filter
  assert.deepEqual(Array.from(parseInteractionsCsv(STARS, { weightByRating: true }).rating), [4.5, 2, 5, 1]);
  assert.deepEqual(Array.from(parseInteractionsCsv(STARS, { minRating: 4, weightByRating: true }).rating), [
    4.5,
    5,
  ]);
  // the rating column is read only when needed: a file without one loads as is
  assert.equal(parseInteractionsCsv("user,item,timestamp\na,x,1\n").rating[0], 1);
});

Deno.test("parseInteractionsCsv: timestamps are a number or an ISO 8601 date/datetime, nothing else", () => {
  const at = (ts: string) =>
    parseInteractionsCsv(`who,item,when\na,x,${ts}\n`, { columns: { user: "who", timestamp: "when" } })
      .timestamp[0];
  assert.equal(at("1700000000"), 1700000000);
  assert.equal(at("2024-03-07"), Date.UTC(2024, 2, 7));
  assert.equal(at("2024-03-07T12:00:00+01:00"), Date.UTC(2024, 2, 7, 11));
  assert.equal(at("2024-03-07 12:00"), Date.UTC(2024, 2, 7, 12)); // no offset: UTC, not local time
  for (const bad of ["March 7", "7/3", "1 2", "0x10", "2023-02-29", "2024-03-07T25:00"]) {
    assert.throws(() => at(bad), (e: unknown) => {
      assert.ok(e instanceof InputError, `${bad}: ${e}`);
      assert.equal(e.field, "when", "names the column");
      assert.match(e.message, /line 2: cannot parse .* ISO 8601 date/);
      return true;
    }, bad);
  }
});

Deno.test("parseInteractionsCsv: unknown and contradictory options are InputErrors", () => {
  assert.throws(
    () => parseInteractionsCsv(STARS, { minRatings: 4 } as never),
    /"minRatings".*did you mean "minRating"/,
  );
  assert.throws(
    () => parseInteractionsCsv(STARS, { columns: { users: "u" } } as never),
    /columns\.users.*allowed: user, item/,
  );
  assert.throws(
    () => parseInteractionsCsv(STARS, { columns: { rating: null }, weightByRating: true }),
    /needs a rating column/,
  );
  assert.throws(
    () => parseInteractionsCsv(STARS, { columns: { rating: null }, minRating: 4 }),
    /needs a rating column/,
  );
  assert.throws(() => parseInteractionsCsv(STARS, { weightByRating: "yes" } as never), /true or false/);
});

Deno.test("parseInteractionsCsv: empty log and bad values are clear InputErrors", () => {
  const cases: [string, object, string, RegExp][] = [
    ["", {}, "interactions", /empty/],
    ["user,item,rating,timestamp\n", {}, "interactions", /empty/],
    ["user,item,rating,timestamp\na,x,1,1\n", { minRating: 2 }, "interactions", /empty/],
    ["user,item,timestamp\na,x,1\n", { minRating: 1 }, "columns.rating", /"rating" not in header/],
    ["user,item,timestamp\na,x,1\n", { weightByRating: true }, "columns.rating", /"rating" not in header/],
    ["user,item,rating,timestamp\na,x,oops,1\n", { weightByRating: true }, "rating", /line 2/],
    ["user,item,rating,timestamp\na,x,0x10,1\n", { minRating: 1 }, "rating", /line 2/],
    ["user,item,rating,timestamp\na,x,1,\n", {}, "timestamp", /line 2/],
    ["user,item,rating,timestamp\na,x,1,yesterday\n", {}, "timestamp", /line 2/],
    ["user,item,rating,timestamp\na,x,1\n", {}, "csv", /line 2: 3 fields/],
    ["user,item,rating,timestamp\n,x,1,1\n", {}, "user", /empty id/],
  ];
  for (const [text, opts, field, msg] of cases) {
    assert.throws(
      () => parseInteractionsCsv(text, opts),
      (e: unknown) => e instanceof InputError && e.field === field && msg.test(e.message),
      `${JSON.stringify(text)} → ${field}`,
    );
  }
});

Deno.test("splitCsvLine: multi-character delimiter and empty fields", () => {
  assert.deepEqual(splitCsvLine("a::b::::c", "::"), ["a", "b", "", "c"]);
});

Deno.test("loadInteractionsCsv reads a file", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/log.csv`, "user,item,rating,timestamp\nu,i,1,7\n");
  const x = await loadInteractionsCsv(`${dir}/log.csv`);
  assert.equal(x.timestamp[0], 7);
  await Deno.remove(dir, { recursive: true });
});
