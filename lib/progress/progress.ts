/**
 * Progress reporting for long steps: a {@link Progress} prints timed step lines to stderr
 * (`[  3.2s] gbdt: tree 120/200 valid auc=0.861`) at most every `intervalMs`, and is silent in tests
 * when built with `silentProgress()`.
 * @module
 */

/** Receives progress from long-running work. */
export interface Progress {
  /** Starts a named step; returns a function that ends it and returns its duration in ms. */
  step(name: string): () => number;
  /** Reports `done` of `total` units in the current step, with an optional message (rate-limited). */
  tick(done: number, total: number, message?: string): void;
  /** Prints a message line immediately. */
  log(message: string): void;
}

/** Progress that writes to stderr, rate-limited for ticks. */
export function consoleProgress(options: { intervalMs?: number; prefix?: string } = {}): Progress {
  const interval = options.intervalMs ?? 1000;
  const t0 = performance.now();
  const enc = new TextEncoder();
  let current = "";
  let lastTick = 0;
  const write = (line: string) => {
    const secs = ((performance.now() - t0) / 1000).toFixed(1).padStart(6);
    Deno.stderr.writeSync(enc.encode(`[${secs}s] ${options.prefix ?? ""}${line}\n`));
  };
  return {
    step(name) {
      const start = performance.now();
      const previous = current;
      current = name;
      write(`${name} …`);
      return () => {
        const ms = performance.now() - start;
        write(`${name} done in ${(ms / 1000).toFixed(2)} s`);
        current = previous;
        return ms;
      };
    },
    tick(done, total, message) {
      const now = performance.now();
      if (now - lastTick < interval && done < total) return;
      lastTick = now;
      write(`${current}: ${done}/${total}${message ? " " + message : ""}`);
    },
    log(message) {
      write(message);
    },
  };
}

/** Progress that records nothing and prints nothing (tests, library defaults). */
export function silentProgress(): Progress {
  return {
    step() {
      const start = performance.now();
      return () => performance.now() - start;
    },
    tick() {},
    log() {},
  };
}
