/**
 * What every domain's feature registration must satisfy, as one test helper each domain's
 * `feature_defs_test.ts` calls: every definition is owned by the domain and described in words, the
 * named features have the expected entities, a misspelt name is rejected with a suggestion, and
 * registering the domain twice is a conflict.
 *
 * @example
 * ```ts
 * import { assertRegistryContract } from "./_registry_contract.ts";
 * import { OFFERS_FEATURE_DEFS, registerOffersFeatures } from "./offers/feature_defs.ts";
 * const reg = assertRegistryContract({
 *   owner: "offers",
 *   defs: OFFERS_FEATURE_DEFS,
 *   register: registerOffersFeatures,
 *   entities: { promo_affinity: "customer" },
 *   misspelt: { name: "promo_afinity", suggests: /promo_affinity/ },
 * });
 * reg.get("promo_affinity").owner; // "offers"
 * ```
 * @module
 */
import assert from "node:assert/strict";
import { ConflictError, InputError } from "../errors.ts";
import { type FeatureDef, FeatureRegistry } from "../features/mod.ts";

/** One domain's registration and what it must satisfy. */
export interface RegistryContract {
  /** The `owner` every definition carries. */
  readonly owner: string;
  /** The domain's exported definitions. */
  readonly defs: readonly FeatureDef[];
  /** Registers the domain's features. */
  readonly register: (reg: FeatureRegistry) => void;
  /** Expected entity by feature name. */
  readonly entities: Readonly<Record<string, string>>;
  /** An unknown name close to a registered one, and what the error must suggest. */
  readonly misspelt: { readonly name: string; readonly suggests: RegExp };
}

/** Asserts the contract on a fresh registry and returns that registry for the domain's own checks. */
export function assertRegistryContract(c: RegistryContract): FeatureRegistry {
  const reg = new FeatureRegistry();
  c.register(reg);
  for (const d of c.defs) {
    const registered = reg.get(d.name);
    assert.equal(registered.owner, c.owner, d.name);
    assert.ok(registered.description.length > 20, d.name);
  }
  for (const [name, entity] of Object.entries(c.entities)) assert.equal(reg.get(name).entity, entity, name);
  assert.throws(
    () => reg.get(c.misspelt.name),
    (e: unknown) => e instanceof InputError && c.misspelt.suggests.test(e.message),
  );
  assert.throws(
    () => c.register(reg),
    (e: unknown) => e instanceof ConflictError && /already registered/.test(e.message),
  );
  return reg;
}
