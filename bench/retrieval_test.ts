import assert from "node:assert/strict";
import { retrievalMarkdown, runRetrievalBench } from "./retrieval.ts";

Deno.test("retrieval bench: a tiny run returns the shape bench/neural.ts reads, with checks that hold", async () => {
  const r = await runRetrievalBench({
    n: 2000,
    dim: 16,
    queries: 12,
    batch: 8,
    workers: 1,
    datasets: ["mixture"],
    python: false,
    nProbes: [1, 2, 4, 8, 45],
    stopRecall: 1,
    log: () => {},
  });
  assert.equal(r.config.n, 2000);
  const multi = r.exact.find((e) => e.method === "exact, 1 workers");
  assert.equal(multi?.identicalToSingleThread, true);
  assert.match(
    r.exact.find((e) => e.method === "naive JS brute force")?.note ?? "",
    /same ids as exact: true/,
  );
  // The sweep ends at nProbe = nList (45 = round(√2000)), where IVF is exact.
  const flat = r.ann.filter((a) => a.method === "ivf-flat");
  assert.equal(flat[flat.length - 1]!.recallAt10, 1);
  assert.ok(r.summary.exactBestMsPerQuery! > 0 && r.summary.annBest.mixture !== undefined);
  assert.ok(r.ann.some((a) => a.method.startsWith("ivf-pq")));
  const md = retrievalMarkdown(r);
  assert.match(md, /\| exact, 1 thread \|/);
  assert.match(md, /\| mixture \| ivf-flat \| 45 \|/);
});
