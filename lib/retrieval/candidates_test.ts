import assert from "node:assert/strict";
import fc from "fast-check";
import { CandidateBuffer } from "./candidates.ts";

Deno.test("CandidateBuffer keeps exactly the best `keep` scores under the threshold protocol (property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 30 }),
      fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 300 }),
      (keep, raw) => {
        const b = new CandidateBuffer(keep);
        raw.forEach((v, i) => {
          const s = v + i * 1e-6; // distinct scores, so the kept set is unique
          if (s > b.threshold) b.offer(s, i);
        });
        const n = b.finish();
        const want = raw.map((v, i) => ({ s: v + i * 1e-6, i })).sort((a, c) => c.s - a.s).slice(0, keep).map(
          (x) => x.i,
        );
        assert.equal(n, Math.min(keep, raw.length));
        assert.deepEqual(Array.from(b.ids.subarray(0, n)).sort((a, c) => a - c), want.sort((a, c) => a - c));
        for (let r = 0; r < n; r++) assert.equal(b.scores[r], raw[b.ids[r]!]! + b.ids[r]! * 1e-6);
        b.clear();
        assert.equal(b.finish(), 0);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("CandidateBuffer: all-equal scores still compact to `keep` and stop growing", () => {
  const b = new CandidateBuffer(3);
  for (let i = 0; i < 100; i++) if (1 > b.threshold) b.offer(1, i);
  assert.equal(b.finish(), 3);
  assert.equal(b.threshold, 1);
});
