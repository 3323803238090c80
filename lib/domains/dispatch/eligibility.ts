/**
 * Hard eligibility of a driver for an order (spec 000 §2 stage 1 and §4.2), applied during retrieval so
 * that the radius rule counts only drivers who could take the order:
 *
 * - **vehicle type**: a bike order needs a bike; a car or premium order needs a car (a `car` or a
 *   `premium` vehicle);
 * - **service level**: a premium order needs a premium driver ("filter if Order is Premium but Driver is
 *   Standard"); bike and car orders take either level.
 *
 * Together: bike → bike; car → car or premium; premium → premium-level drivers of a car-class vehicle.
 * The spec lists the service-level check among the rules after ranking; it is a property of the pair, not
 * of the moment, so applying it before the radius count gives the same survivors and keeps a premium
 * order's radius from shrinking around standard drivers who cannot take it.
 *
 * @example
 * ```ts
 * import { serviceLevelRule, vehicleTypeRule } from "./eligibility.ts";
 * const order = { serviceType: "premium" as const };
 * const cands = [
 *   { driverId: 1, vehicleType: "bike" as const, serviceLevel: "standard" as const },
 *   { driverId: 2, vehicleType: "car" as const, serviceLevel: "standard" as const },
 *   { driverId: 3, vehicleType: "premium" as const, serviceLevel: "premium" as const },
 * ];
 * const byVehicle = vehicleTypeRule(order, cands); // removes 1 (a bike for a premium order)
 * serviceLevelRule(order, byVehicle.kept).kept.map((c) => c.driverId); // [3]
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import { filterCandidates, type HasDriverId, type RuleResult } from "./rule.ts";

/** Vehicle types of drivers (dictionary order of the `vehicle_type` column). */
export const VEHICLE_TYPES = ["bike", "car", "premium"] as const;
/** A driver's vehicle type. */
export type VehicleType = typeof VEHICLE_TYPES[number];
/** Services an order can ask for (dictionary order of the `service_type` column). */
export const SERVICE_TYPES = ["bike", "car", "premium"] as const;
/** An order's service. */
export type ServiceType = typeof SERVICE_TYPES[number];
/** Driver service levels (dictionary order of the `service_level` column). */
export const SERVICE_LEVELS = ["standard", "premium"] as const;
/** A driver's service level. */
export type ServiceLevel = typeof SERVICE_LEVELS[number];

/** The vehicle types that can serve each service. */
export const COMPATIBLE_VEHICLES: Readonly<Record<ServiceType, readonly VehicleType[]>> = {
  bike: ["bike"],
  car: ["car", "premium"],
  premium: ["car", "premium"],
};

/** The service level an order of each service requires of its driver (null: any level). */
export const REQUIRED_SERVICE_LEVEL: Readonly<Record<ServiceType, ServiceLevel | null>> = {
  bike: null,
  car: null,
  premium: "premium",
};

/** The order fields the eligibility rules read. */
export interface EligibilityOrder {
  readonly serviceType: ServiceType;
}

/** The candidate fields the eligibility rules read. */
export interface EligibilityCandidate extends HasDriverId {
  readonly vehicleType: VehicleType;
  readonly serviceLevel: ServiceLevel;
}

/** True when a driver with `vehicle` can serve an order for `service`. */
export function vehicleCompatible(service: ServiceType, vehicle: VehicleType): boolean {
  return COMPATIBLE_VEHICLES[service].includes(vehicle);
}

/** True when a driver of `level` may take an order for `service`. */
export function serviceLevelAllows(service: ServiceType, level: ServiceLevel): boolean {
  const required = REQUIRED_SERVICE_LEVEL[service];
  return required === null || required === level;
}

function check<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new InputError(field, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${value}`);
  }
  return value as T;
}

/** Validates an order's service type (InputError naming `serviceType`). */
export function checkServiceType(value: unknown, field = "serviceType"): ServiceType {
  return check(field, value, SERVICE_TYPES);
}

/** Rule `vehicle_type`: removes drivers whose vehicle cannot serve the order's service. */
export function vehicleTypeRule<C extends EligibilityCandidate>(
  order: EligibilityOrder,
  candidates: readonly C[],
): RuleResult<C> {
  const service = checkServiceType(order.serviceType);
  return filterCandidates("vehicle_type", candidates, (c, i) => {
    const v = check(`candidates[${i}].vehicleType`, c.vehicleType, VEHICLE_TYPES);
    return vehicleCompatible(service, v)
      ? null
      : `a ${v} cannot serve a ${service} order (needs ${COMPATIBLE_VEHICLES[service].join(" or ")})`;
  });
}

/** Rule `service_level`: removes standard drivers from premium orders. */
export function serviceLevelRule<C extends EligibilityCandidate>(
  order: EligibilityOrder,
  candidates: readonly C[],
): RuleResult<C> {
  const service = checkServiceType(order.serviceType);
  return filterCandidates("service_level", candidates, (c, i) => {
    const level = check(`candidates[${i}].serviceLevel`, c.serviceLevel, SERVICE_LEVELS);
    return serviceLevelAllows(service, level)
      ? null
      : `a ${level} driver cannot take a ${service} order (needs ${REQUIRED_SERVICE_LEVEL[service]})`;
  });
}
