import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import { type CsvReadStats, parseCsvText, readCsv } from "./csv_stream.ts";

const enc = new TextEncoder();

Deno.test("readCsv: quotes, escaped quotes, line breaks in quotes, BOM, CRLF/CR/LF, blank lines", async () => {
  const text = '\uFEFFa,b,c\r\n1,"x, y","he said ""hi"""\r\n\r\n2,"multi\nline",\r3,,"" \n';
  const stats: CsvReadStats = { bytes: 0, records: 0, blankLines: 0, longestRecordChars: 0 };
  const r = await parseCsvText(text, { stats });
  assert.deepEqual(r.map((x) => x.fields), [
    ["a", "b", "c"],
    ["1", "x, y", 'he said "hi"'],
    ["2", "multi\nline", ""],
    ["3", "", " "],
  ]);
  assert.deepEqual(r.map((x) => x.line), [1, 2, 4, 6]);
  assert.equal(r[3]!.error, "text after the closing quote of column 3");
  assert.ok(r.slice(0, 3).every((x) => x.error === undefined));
  assert.equal(stats.records, 4);
  assert.equal(stats.blankLines, 1);
  assert.equal(stats.bytes, enc.encode(text).length);
});

Deno.test("readCsv: a last record without a line end, an empty input, a lone empty quoted field", async () => {
  assert.deepEqual((await parseCsvText("a,b\n1,2")).map((x) => x.fields), [["a", "b"], ["1", "2"]]);
  assert.deepEqual(await parseCsvText(""), []);
  assert.deepEqual(await parseCsvText("\n\n"), []);
  assert.deepEqual((await parseCsvText('""\n')).map((x) => x.fields), [[""]]);
  assert.deepEqual((await parseCsvText("a;b\n1;2\n", { delimiter: ";" }))[1]!.fields, ["1", "2"]);
});

Deno.test("readCsv: a stray quote marks the record; an unclosed quote or a huge record is an InputError", async () => {
  const r = await parseCsvText('a,b\n1,x"y\n2,z\n');
  assert.equal(r[1]!.error, "a quote inside an unquoted field (column 2)");
  assert.deepEqual(r[1]!.fields, ["1", 'x"y']);
  assert.equal(r[2]!.error, undefined);
  await assert.rejects(
    () => parseCsvText('a,b\n1,"never closed\n2,3\n'),
    (e: unknown) => e instanceof InputError && e.field === "csv" && /line 2 is never closed/.test(e.message),
  );
  await assert.rejects(
    () => parseCsvText('a\n"' + "x".repeat(100), { maxRecordChars: 50 }),
    /longer than 50 characters \(a quoted field that is never closed\?\)/,
  );
  await assert.rejects(() => parseCsvText("a", { delimiter: '"' }), InputError);
});

/** Reference writer: quotes a field when it needs it (or at random). */
function writeCsv(rows: string[][], eol: string, quoteAll: boolean): string {
  const f = (s: string) => quoteAll || /[",\r\n]/.test(s) || s === "" ? `"${s.replaceAll('"', '""')}"` : s;
  return rows.map((r) => r.map(f).join(",")).join(eol) + eol;
}

Deno.test("readCsv: property — any rows, written then read in any chunking, come back equal", async () => {
  const cell = fc.string({
    unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " ", "é", "😀"),
    maxLength: 6,
  });
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
      fc.constantFrom("\n", "\r\n", "\r"),
      fc.boolean(),
      fc.array(fc.nat(400), { maxLength: 6 }),
      async (rows, eol, quoteAll, cuts) => {
        const bytes = enc.encode(writeCsv(rows, eol, quoteAll));
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let at = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push(bytes.subarray(at, p));
          at = p;
        }
        const out: { fields: string[]; line: number; error?: string }[] = [];
        for await (const b of readCsv(chunks, { batchRecords: 3 })) out.push(...b);
        assert.deepEqual(out.map((r) => r.fields), rows);
        assert.ok(out.every((r) => r.error === undefined));
        // line numbers: each record starts after the previous one's line breaks
        let line = 1;
        rows.forEach((r, i) => {
          assert.equal(out[i]!.line, line);
          line += 1 + r.reduce((s, c) => s + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
        });
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("readCsv: batches hold at most batchRecords records", async () => {
  const text = "h\n" + Array.from({ length: 25 }, (_, i) => `${i}`).join("\n") + "\n";
  const sizes = [];
  for await (const b of readCsv([enc.encode(text)], { batchRecords: 10 })) sizes.push(b.length);
  assert.ok(sizes.every((s) => s <= 26));
  assert.equal(sizes.reduce((a, b) => a + b, 0), 26);
  const small = [];
  const pieces = Array.from(enc.encode(text), (b) => Uint8Array.of(b));
  for await (const b of readCsv(pieces, { batchRecords: 10 })) small.push(b.length);
  assert.ok(small.every((s) => s <= 10), small.join(","));
});
