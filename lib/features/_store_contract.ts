/**
 * The OnlineStore contract as a test suite, run against every implementation (in-memory and Redis).
 * @module
 */
import assert from "node:assert/strict";
import { InputError } from "../errors.ts";
import type { OnlineStore } from "./online_store.ts";

/** A settable clock for expiry tests. */
export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
}

/** Starts at a fixed instant. */
export function fakeClock(start = Date.UTC(2024, 0, 1)): FakeClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** Runs the contract on a fresh store built with the given clock. */
export async function storeContract(make: (clock: FakeClock) => OnlineStore): Promise<void> {
  const clock = fakeClock();
  const store = make(clock);
  try {
    // Unknown keys and features read as null; rows come back in key order.
    assert.deepEqual(await store.getMany("driver", ["nobody"], ["a"]), [{ a: null }]);
    assert.deepEqual(await store.getMany("driver", [], ["a"]), []);

    // Values of each type round-trip; NaN is stored as null.
    await store.set("driver", "1", {
      a: 1.5,
      s: "it's ü",
      b: true,
      n: null,
      nan: NaN,
      inf: Infinity,
      big: 2 ** 53,
    });
    assert.deepEqual(await store.getMany("driver", ["1"], ["a", "s", "b", "n", "nan", "inf", "big"]), [
      { a: 1.5, s: "it's ü", b: true, n: null, nan: null, inf: Infinity, big: 2 ** 53 },
    ]);

    // set merges features; entities are separate namespaces.
    await store.set("driver", "1", { c: 3 });
    await store.set("rider", "1", { a: 99 });
    assert.deepEqual(await store.getMany("driver", ["1"], ["a", "c"]), [{ a: 1.5, c: 3 }]);
    assert.deepEqual(await store.getMany("rider", ["1", "2"], ["a"]), [{ a: 99 }, { a: null }]);

    // TTL: alive until ttl has passed, then null; other features of the key keep their own expiry.
    await store.set("driver", "2", { x: 10 }, 1000);
    await store.set("driver", "2", { y: 20 }, 5000);
    assert.deepEqual(await store.getMany("driver", ["2"], ["x", "y"]), [{ x: 10, y: 20 }]);
    clock.advance(999);
    assert.deepEqual(await store.getMany("driver", ["2"], ["x", "y"]), [{ x: 10, y: 20 }]);
    clock.advance(1);
    assert.deepEqual(await store.getMany("driver", ["2"], ["x", "y"]), [{ x: null, y: 20 }]);
    clock.advance(4000);
    assert.deepEqual(await store.getMany("driver", ["2", "1"], ["x", "y", "a"]), [
      { x: null, y: null, a: null },
      { x: null, y: null, a: 1.5 },
    ]);
    // Overwriting refreshes the expiry.
    await store.set("driver", "2", { x: 11 }, 1000);
    assert.deepEqual(await store.getMany("driver", ["2"], ["x"]), [{ x: 11 }]);

    // setMany writes many keys.
    await store.setMany(
      "driver",
      Array.from(
        { length: 50 },
        (_, i) => ({ key: `k${i}`, values: { v: i }, ttlMs: i === 1 ? 10 : 60_000 }),
      ),
    );
    assert.deepEqual(await store.getMany("driver", ["k0", "k1", "k49", "k50"], ["v"]), [{ v: 0 }, { v: 1 }, {
      v: 49,
    }, { v: null }]);
    clock.advance(10);
    assert.deepEqual(await store.getMany("driver", ["k0", "k1"], ["v"]), [{ v: 0 }, { v: null }]);
    await store.setMany("driver", []);
    await assert.rejects(
      store.setMany("driver", [{ key: "ok", values: { v: 1 } }, { key: "", values: { v: 1 } }]),
      InputError,
    );

    // Bad input.
    await assert.rejects(
      store.set("driver", "", { a: 1 }),
      (e: unknown) => e instanceof InputError && e.field === "key",
    );
    await assert.rejects(
      store.set("driver", "1", {}),
      (e: unknown) => e instanceof InputError && e.field === "values",
    );
    await assert.rejects(
      store.set("driver", "1", { a: 1 }, 0),
      (e: unknown) => e instanceof InputError && e.field === "ttlMs",
    );
    await assert.rejects(
      store.set("driver", "1", { a: {} as never }),
      (e: unknown) => e instanceof InputError && e.field === "values.a",
    );
    await assert.rejects(
      store.getMany("driver", ["1"], []),
      (e: unknown) => e instanceof InputError && e.field === "featureNames",
    );
  } finally {
    await store.close();
  }
}
