import { LOG_LOSS_EPS, logLoss } from "./log_loss.ts";
import { assertClose, assertInputError } from "./_testing.ts";

const Y = [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0];
const P = [0.1, 0.9, 0.4, 0.4, 0.65, 0.2, 0.65, 0.8, 0.4, 0.3, 0.55, 0.05];
const W = [1, 2, 0.5, 1, 3, 1, 0.25, 1, 2, 1.5, 1, 0.75];

Deno.test("logLoss matches sklearn log_loss", () => {
  // sklearn 1.2.1: log_loss(Y, P, eps=1e-15)
  assertClose(logLoss(Y, P), 0.4572354584276173);
  // sklearn 1.2.1: log_loss(Y, P, sample_weight=W, eps=1e-15)
  assertClose(logLoss(Y, P, { weights: W }), 0.41933631799397936);
});

Deno.test("logLoss clips at eps = 1e-15 like sklearn", () => {
  // p = 0 for a positive → −ln(1e-15) = 34.538776394910684; p = 1 for a negative → −ln(1e-15) too (to fp)
  assertClose(logLoss([1], [0]), -Math.log(LOG_LOSS_EPS), 1e-9);
  assertClose(logLoss([0], [1]), -Math.log(LOG_LOSS_EPS), 1e-3);
  assertClose(logLoss([1, 0], [1, 0]), -Math.log(1 - 1e-15), 1e-12);
  assertClose(logLoss([1], [0], { eps: 1e-3 }), -Math.log(1e-3));
});

Deno.test("logLoss by hand", () => {
  assertClose(logLoss([1, 0], [0.9, 0.2]), (-Math.log(0.9) - Math.log(0.8)) / 2, 1e-15);
});

Deno.test("logLoss rejects bad input", () => {
  assertInputError(() => logLoss([], []), "labels", /empty/);
  assertInputError(() => logLoss([1, 0], [0.5]), "probabilities", /length/);
  assertInputError(() => logLoss([1, 0], [0.5, 1.2]), "probabilities", /\[0, 1\]/);
  assertInputError(() => logLoss([1, 0], [0.5, NaN]), "probabilities");
  assertInputError(() => logLoss([1, -1], [0.5, 0.5]), "labels");
  assertInputError(() => logLoss([1, 0], [0.5, 0.5], { eps: 0.7 }), "eps");
  assertInputError(() => logLoss([1, 0], [0.5, 0.5], { weights: [0, 0] }), "weights", /zero/);
});
