import assert from "node:assert/strict";
import { Rng } from "./rng.ts";
import {
  beta,
  Categorical,
  exponential,
  gamma,
  logFactorial,
  lognormal,
  normal,
  poisson,
  Zipf,
} from "./distributions.ts";
import { InputError } from "../errors.ts";

/** Sample mean and variance of n draws. */
function moments(n: number, draw: () => number): { mean: number; variance: number } {
  let sum = 0, sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  return { mean, variance: sumSq / n - mean * mean };
}

/** Asserts the sample mean is within 5 standard errors of the true mean, and the variance within 5%. */
function assertMoments(name: string, n: number, draw: () => number, mean: number, variance: number) {
  const m = moments(n, draw);
  const se = Math.sqrt(variance / n);
  assert.ok(Math.abs(m.mean - mean) < 5 * se, `${name}: mean ${m.mean} vs ${mean}`);
  assert.ok(Math.abs(m.variance / variance - 1) < 0.05, `${name}: variance ${m.variance} vs ${variance}`);
}

const N = 100_000;

Deno.test("normal, lognormal, exponential match their moments", () => {
  const rng = new Rng(1);
  assertMoments("normal", N, () => normal(rng, 2, 3), 2, 9);
  const mu = 0.1, s = 0.5;
  assertMoments(
    "lognormal",
    N,
    () => lognormal(rng, mu, s),
    Math.exp(mu + s * s / 2),
    (Math.exp(s * s) - 1) * Math.exp(2 * mu + s * s),
  );
  assertMoments("exponential", N, () => exponential(rng, 2), 0.5, 0.25);
});

Deno.test("gamma (shape ≥ 1 and < 1) and beta match their moments", () => {
  const rng = new Rng(2);
  assertMoments("gamma(3,2)", N, () => gamma(rng, 3, 2), 6, 12);
  assertMoments("gamma(0.5,1)", N, () => gamma(rng, 0.5, 1), 0.5, 0.5);
  const a = 2, b = 5;
  assertMoments("beta(2,5)", N, () => beta(rng, a, b), a / (a + b), (a * b) / ((a + b) ** 2 * (a + b + 1)));
});

Deno.test("poisson matches mean = variance = λ for small and large λ", () => {
  const rng = new Rng(3);
  for (const lambda of [0.3, 4, 29.9, 30, 250]) {
    assertMoments(`poisson(${lambda})`, N, () => poisson(rng, lambda), lambda, lambda);
  }
  assert.equal(poisson(rng, 0), 0);
});

Deno.test("poisson(4) pmf at k=0..8 matches e^-λ λ^k / k! (chi-square)", () => {
  const rng = new Rng(4);
  const lambda = 4, n = 200_000;
  const counts = new Array(9).fill(0);
  for (let i = 0; i < n; i++) {
    const k = poisson(rng, lambda);
    if (k <= 8) counts[k]++;
  }
  let chi2 = 0;
  for (let k = 0; k <= 8; k++) {
    const p = Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
    chi2 += (counts[k] - n * p) ** 2 / (n * p);
  }
  assert.ok(chi2 < 27.88, `chi2 ${chi2}`); // 99.9% for 9 cells (conservative)
});

Deno.test("logFactorial is exact for small k and accurate for large k", () => {
  assert.equal(logFactorial(0), 0);
  assert.ok(Math.abs(logFactorial(5) - Math.log(120)) < 1e-12);
  let exact = 0;
  for (let i = 2; i <= 50; i++) exact += Math.log(i);
  assert.ok(Math.abs(logFactorial(50) - exact) < 1e-9);
});

Deno.test("categorical frequencies follow weights", () => {
  const rng = new Rng(5);
  const w = [1, 0, 3, 6];
  const cat = new Categorical(w);
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < N; i++) counts[cat.sample(rng)]!++;
  assert.equal(counts[1], 0);
  for (const k of [0, 2, 3]) {
    const p = w[k]! / 10;
    assert.ok(Math.abs(counts[k]! / N - p) < 5 * Math.sqrt(p * (1 - p) / N), `category ${k}`);
  }
  assert.throws(() => new Categorical([]), InputError);
  assert.throws(() => new Categorical([1, -1]), /index 1/);
  assert.throws(() => new Categorical([0, 0]), /positive sum/);
});

Deno.test("zipf rank frequencies follow k^-s", () => {
  const rng = new Rng(6);
  const z = new Zipf(100, 1.1);
  let h = 0;
  for (let k = 1; k <= 100; k++) h += k ** -1.1;
  const counts = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    const k = z.sample(rng);
    assert.ok(k >= 1 && k <= 100);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const k of [1, 2, 10]) {
    const p = k ** -1.1 / h;
    assert.ok(Math.abs((counts.get(k) ?? 0) / N - p) < 5 * Math.sqrt(p * (1 - p) / N), `rank ${k}`);
  }
  assert.throws(() => new Zipf(0, 1), /"n"/);
});

Deno.test("samplers are reproducible bit for bit", () => {
  const draw = (seed: number) => {
    const r = new Rng(seed);
    return [normal(r), gamma(r, 2.5), beta(r, 1, 2), poisson(r, 100), lognormal(r)];
  };
  assert.deepEqual(draw(99), draw(99));
});
