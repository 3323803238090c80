/**
 * Worker entry for {@link RetrievalPool}: runs the unchecked exact scan ({@link scanRange}) on the
 * vectors it is sent (SharedArrayBuffer-backed arrays arrive shared, without a copy) and posts back the
 * double-precision top-k, transferring its buffers. Arguments were validated by the caller.
 * @module
 */
import { scanRange } from "./exact.ts";
import type { ScanRequest, ScanResponse } from "./pool.ts";

/** The worker global, typed narrowly (the project compiles against the window lib). */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ScanRequest>) => void) | null;
  postMessage(message: ScanResponse, transfer?: Transferable[]): void;
};

scope.onmessage = (e: MessageEvent<ScanRequest>) => {
  const m = e.data;
  try {
    const r = scanRange(m.items, m.queries, m.k, m.start, m.end, {
      bias: m.bias,
      itemBlock: m.itemBlock,
      queryBlock: m.queryBlock,
    });
    const reply: ScanResponse = { id: m.id, ids: r.ids, scores: r.scores };
    scope.postMessage(reply, [r.ids.buffer as ArrayBuffer, r.scores.buffer as ArrayBuffer]);
  } catch (err) {
    const reply: ScanResponse = { id: m.id, error: err instanceof Error ? err.message : String(err) };
    scope.postMessage(reply);
  }
};
