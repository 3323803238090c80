/**
 * The built-in GBDT objectives, one per file, created by name.
 *
 * @example
 * ```ts
 * import { createObjective } from "./mod.ts";
 * const obj = createObjective("binary", {});
 * obj.transform(new Float64Array([0]))[0]; // 0.5
 * ```
 * @module
 */
import { InputError } from "../../../errors.ts";
import type { Objective, ObjectiveName, ObjectiveOptions } from "../objective.ts";
import { BinaryObjective } from "./binary.ts";
import { LambdarankObjective } from "./lambdarank.ts";
import { MulticlassObjective } from "./multiclass.ts";
import { PoissonObjective } from "./poisson.ts";
import { RegressionObjective } from "./regression.ts";

export { BinaryObjective, sigmoid } from "./binary.ts";
export type { BinaryOptions } from "./binary.ts";
export { checkGroups, inverseMaxDcgs, LambdarankObjective, MAX_LABEL } from "./lambdarank.ts";
export type { LambdarankOptions } from "./lambdarank.ts";
export { MulticlassObjective } from "./multiclass.ts";
export type { MulticlassOptions } from "./multiclass.ts";
export { POISSON_MAX_DELTA_STEP, PoissonObjective } from "./poisson.ts";
export { RegressionObjective } from "./regression.ts";

/** All objective names, in documentation order. */
export const OBJECTIVE_NAMES: readonly ObjectiveName[] = [
  "binary",
  "regression",
  "poisson",
  "lambdarank",
  "multiclass",
];

/**
 * Creates the objective called `name`. Throws InputError naming "objective" (listing the names) for an
 * unknown name, and "numClass" when multiclass is asked for without a valid class count.
 */
export function createObjective(name: ObjectiveName, options: ObjectiveOptions = {}): Objective {
  switch (name) {
    case "binary":
      return new BinaryObjective({ scalePosWeight: options.scalePosWeight });
    case "regression":
      return new RegressionObjective();
    case "poisson":
      return new PoissonObjective();
    case "lambdarank":
      return new LambdarankObjective({ groups: options.groups, ndcgTruncation: options.ndcgTruncation });
    case "multiclass":
      if (options.numClass === undefined) {
        throw new InputError("numClass", "is required by the multiclass objective");
      }
      return new MulticlassObjective({ numClass: options.numClass });
    default:
      throw new InputError(
        "objective",
        `must be one of ${OBJECTIVE_NAMES.map((n) => `"${n}"`).join(", ")}, got "${String(name)}"`,
      );
  }
}
