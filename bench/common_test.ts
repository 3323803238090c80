import assert from "node:assert/strict";
import { withBenchBlock } from "./common.ts";

const block = (name: string, body: string) =>
  `<!-- bench:${name}:start -->\n${body}\n<!-- bench:${name}:end -->`;

Deno.test("withBenchBlock replaces an existing block and keeps the rest byte for byte", () => {
  const readme = `# T\n\n## Benchmarks\n\nintro\n\n### a\n\n${block("a", "old")}\n\n## After\n\ntext\n`;
  assert.equal(
    withBenchBlock(readme, "a", block("a", "new")),
    `# T\n\n## Benchmarks\n\nintro\n\n### a\n\n${block("a", "new")}\n\n## After\n\ntext\n`,
  );
});

Deno.test("withBenchBlock puts a new block at the end of the Benchmarks section, after the intro", () => {
  const mid = `# T\n\n## Benchmarks\n\nintro\n\n### a\n\n${block("a", "A")}\n\n## After\n\ntext\n`;
  assert.equal(
    withBenchBlock(mid, "b", block("b", "B")),
    `# T\n\n## Benchmarks\n\nintro\n\n### a\n\n${block("a", "A")}\n\n### b\n\n${
      block("b", "B")
    }\n\n## After\n\ntext\n`,
  );
  const last = `# T\n\n## Benchmarks\n\nintro\n`;
  assert.equal(
    withBenchBlock(last, "b", block("b", "B")),
    `# T\n\n## Benchmarks\n\nintro\n\n### b\n\n${block("b", "B")}\n`,
  );
});

Deno.test("withBenchBlock creates the section when missing, also in an empty README", () => {
  assert.equal(
    withBenchBlock("# T\n", "b", block("b", "B")),
    `# T\n\n## Benchmarks\n\n### b\n\n${block("b", "B")}\n`,
  );
  assert.equal(
    withBenchBlock("", "b", block("b", "B")),
    `## Benchmarks\n\n### b\n\n${block("b", "B")}\n`,
  );
});
