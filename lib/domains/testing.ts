/**
 * Test batteries for domain code, shared by the domain tests here and by the simulator-backed domain
 * tests under `sim/<domain>/` (which feed these checks the simulators' data): value equality with
 * NaN as missing, point-in-time leakage snapshots, and the feature-registry contract.
 * @module
 */
export { sameValue } from "./_same_value.ts";
export { compareSnapshots, goldSnapshot, type SnapshotComparison } from "./_leakage.ts";
export { assertRegistryContract, type RegistryContract } from "./_registry_contract.ts";
