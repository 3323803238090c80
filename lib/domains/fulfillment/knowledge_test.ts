import assert from "node:assert/strict";
import { ModelFormatError, NotFoundError } from "../../errors.ts";
import { KnowledgeBase, loadKnowledgeBase, parsePolicyDocument } from "./knowledge.ts";
import { SEVERITY_THRESHOLDS } from "./severity.ts";

const FRONT = "---\nprefix: TST\npolicy: test\ntitle: Test policy\nversion: 1\n---\n";
const doc = (body: string, file = "t.md") => parsePolicyDocument(FRONT + body, file);

Deno.test("parsePolicyDocument reads front matter, sections and clauses with their lines", () => {
  const d = doc(
    "# Title\n\nIntro text.\n\n## 1. First\n\n### TST-1.1 One\nLine a.\n\nLine b.\n### TST-1.2 Two\nText two.\n## 2. Second\n### TST-2.1 Three\r\nText three.\n",
  );
  assert.equal(d.prefix, "TST");
  assert.equal(d.policy, "test");
  assert.deepEqual(d.clauses.map((c) => [c.id, c.title, c.section, c.text, c.line]), [
    ["TST-1.1", "One", "First", "Line a.\n\nLine b.", 13],
    ["TST-1.2", "Two", "First", "Text two.", 17],
    ["TST-2.1", "Three", "Second", "Text three.", 20],
  ]);
});

Deno.test("parsePolicyDocument rejects malformed files, naming file, line and problem", () => {
  const cases: [string, RegExp][] = [
    ["## 1. S\n### TST1.1 A\ntext\n", /t\.md, line 8: a clause heading must read/],
    ["## 1. S\n### XYZ-1.1 A\ntext\n", /line 8: clause XYZ-1.1 does not use the file's prefix TST/],
    ["## 1. S\n### TST-2.1 A\ntext\n", /line 8: clause TST-2.1 stands in section 1/],
    ["### TST-1.1 A\ntext\n", /clause TST-1.1 stands before any/],
    ["## 1. S\n### TST-1.1 A\n\n### TST-1.2 B\ntext\n", /line 8: clause TST-1.1 has no text/],
    [
      "## 1. S\n### TST-1.1 A\nx\n### TST-1.1 B\ny\n",
      /line 10: duplicate clause id TST-1.1 \(first at line 8\)/,
    ],
    ["## One\n", /line 7: a section heading must read/],
    ["Just prose.\n", /has no clause/],
  ];
  for (const [body, re] of cases) {
    assert.throws(() => doc(body), (e) => e instanceof ModelFormatError && re.test(e.message), body);
  }
  assert.throws(
    () => parsePolicyDocument("# no front matter", "x.md"),
    /x\.md, line 1: must start with a front matter/,
  );
  assert.throws(
    () => parsePolicyDocument("---\nprefix: A\npolicy: a\ntitle: t\n---\n", "x.md"),
    /lacks "version"/,
  );
  assert.throws(() => parsePolicyDocument("---\nprefix: A\n", "x.md"), /not closed/);
});

Deno.test("KnowledgeBase rejects a clause id used in two files, naming the id and both files", () => {
  const a = parsePolicyDocument(FRONT + "## 1. S\n### TST-1.1 A\nx\n", "a.md");
  const b = parsePolicyDocument(
    FRONT.replace("policy: test", "policy: other") + "## 1. S\n### TST-1.1 B\ny\n",
    "b.md",
  );
  assert.throws(
    () => KnowledgeBase.from([a, b]),
    (e) =>
      e instanceof ModelFormatError && /TST-1\.1/.test(e.message) && /a\.md/.test(e.message) &&
      /b\.md/.test(e.message),
  );
});

Deno.test("the shipped knowledge base loads: four policies, unique ids, searchable by policy", async () => {
  const kb = await loadKnowledgeBase();
  assert.deepEqual(kb.documents.map((d) => d.policy).sort(), [
    "customer",
    "escalation",
    "payment",
    "shipment",
  ]);
  assert.ok(kb.clauses.length >= 40, `${kb.clauses.length} clauses`);
  assert.equal(new Set(kb.clauses.map((c) => c.id)).size, kb.clauses.length);
  for (const c of kb.clauses) assert.ok(c.text.length >= 40, `${c.id} is too short to be a clause`);
  const hits = kb.search("parcel too heavy to fly", { policy: "shipment", k: 3 });
  assert.equal(hits[0]!.clause.id, "SHIP-3.2");
  assert.ok(
    kb.search("cash on delivery", { policy: ["payment"] }).every((h) => h.clause.policy === "payment"),
  );
  assert.throws(() => kb.clause("SHIP-9.9"), NotFoundError);
});

Deno.test("policy texts state the severity thresholds of lib/domains/fulfillment (update the docs if these move)", async () => {
  const kb = await loadKnowledgeBase();
  const levels = kb.clause("SHIP-1.2").text;
  for (const [level, t] of Object.entries(SEVERITY_THRESHOLDS)) {
    assert.match(
      levels,
      new RegExp(`${level} above ${String(t).replace(".", "\\.")}`),
      `SHIP-1.2 must say "${level} above ${t}"`,
    );
  }
  assert.match(
    kb.clause("ESC-2.1").text,
    new RegExp(`above ${String(SEVERITY_THRESHOLDS.critical).replace(".", "\\.")}`),
  );
});

Deno.test("loadKnowledgeBase: a missing directory is a NotFoundError", async () => {
  await assert.rejects(() => loadKnowledgeBase("/nonexistent/knowledge"), NotFoundError);
});
