import { brierScore } from "./brier.ts";
import { assertClose, assertInputError } from "./_testing.ts";

const Y = [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0];
const P = [0.1, 0.9, 0.4, 0.4, 0.65, 0.2, 0.65, 0.8, 0.4, 0.3, 0.55, 0.05];
const W = [1, 2, 0.5, 1, 3, 1, 0.25, 1, 2, 1.5, 1, 0.75];

Deno.test("brierScore matches sklearn brier_score_loss", () => {
  // sklearn 1.2.1: brier_score_loss(Y, P)
  assertClose(brierScore(Y, P), 0.15166666666666664);
  // sklearn 1.2.1: brier_score_loss(Y, P, sample_weight=W)
  assertClose(brierScore(Y, P, W), 0.13216666666666665);
});

Deno.test("brierScore by hand", () => {
  assertClose(brierScore([1, 0], [0.8, 0.4]), 0.1, 1e-15);
  assertClose(brierScore([1, 0, 1], [0.5, 0.5, 0.5]), 0.25, 1e-15);
});

Deno.test("brierScore rejects bad input", () => {
  assertInputError(() => brierScore([], []), "labels", /empty/);
  assertInputError(() => brierScore([1], [0.5, 0.5]), "probabilities", /length/);
  assertInputError(() => brierScore([1, 0], [0.5, -0.1]), "probabilities");
  assertInputError(() => brierScore([1, 0.5], [0.5, 0.5]), "labels");
});
