import assert from "node:assert/strict";
import { InputError } from "../errors.ts";
import { loadInteractionsCsv, parseInteractionsCsv, splitCsvLine } from "./csv.ts";

Deno.test("parseInteractionsCsv: mapped columns, first-appearance ids, duplicates kept", () => {
  const text = "ts;who;what;stars\n100;alice;m1;5\n90;bob;m2;3\n\n110;alice;m1;4\n";
  const x = parseInteractionsCsv(text, {
    delimiter: ";",
    columns: { user: "who", item: "what", rating: "stars", timestamp: "ts" },
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
  const y = parseInteractionsCsv("user,item,rating,timestamp\na,x,5,1\na,y,2,2\nb,x,4,3\n", { minRating: 4 });
  assert.deepEqual(Array.from(y.rating), [5, 4]);
  assert.deepEqual(y.itemIds, ["x"]);
});

Deno.test("parseInteractionsCsv: empty log and bad values are clear InputErrors", () => {
  const cases: [string, object, string, RegExp][] = [
    ["", {}, "interactions", /empty/],
    ["user,item,rating,timestamp\n", {}, "interactions", /empty/],
    ["user,item,rating,timestamp\na,x,1,1\n", { minRating: 2 }, "interactions", /empty/],
    ["user,item,timestamp\na,x,1\n", {}, "columns.rating", /"rating" not in header/],
    ["user,item,rating,timestamp\na,x,oops,1\n", {}, "rating", /line 2/],
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
