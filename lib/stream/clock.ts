/**
 * An injectable clock: the current time and one-shot timers, so time-driven code (the micro-batcher's
 * 15-second flush) runs on the system clock in production and on a {@link ManualClock} in tests, where
 * time moves only when the test advances it.
 *
 * @example
 * ```ts
 * import { ManualClock } from "./clock.ts";
 * const clock = new ManualClock(1_000);
 * let fired = 0;
 * clock.setTimer(500, () => fired++);
 * clock.advance(499); // fired === 0
 * clock.advance(1); // fired === 1, clock.now() === 1_500
 * ```
 * @module
 */

/** A clock: milliseconds now, and one-shot timers that can be cancelled. */
export interface Clock {
  /** Milliseconds (epoch for the system clock; any origin for a manual one). */
  now(): number;
  /** Calls `fn` once, `ms` from now; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

/** The system clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const id = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(id);
  },
};

/** A clock that moves only when told: timers fire, in due order, inside {@link ManualClock.advance}. */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #timers = new Map<number, { at: number; fn: () => void }>();

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const id = this.#seq++;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), fn });
    return () => this.#timers.delete(id);
  }

  /** Number of timers not yet fired or cancelled. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing every timer due on the way (earliest first, ties in creation order). */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.#timers) if (e[1].at <= until && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.#timers.delete(next[0]);
      this.#now = next[1].at;
      next[1].fn();
    }
    this.#now = until;
  }
}
