/**
 * Event proximity features per bay and 15-minute bucket, shared by the demand and conversion gold tables.
 * The public events calendar is published in advance, so an event is known before it starts; a bay is
 * "near" an event within {@link EVENT_RADIUS_KM} of its venue (haversine), and the event counts in the
 * hour before it starts (`before`), while it runs (`during`) and the three hours after it ends (`after`),
 * when people leave the venue. Weight = attendance / 20,000 × exp(−km / 0.8).
 * @module
 */

/** Radius (km) within which an event counts for a bay. */
export const EVENT_RADIUS_KM = 2;

/** Statements building `_pricing_event_buckets(bay_id, bucket_start, event_pressure_after,
 * event_pressure_before, event_within_2km, event_attendance_nearby, event_category)`; needs silver. */
export const EVENT_BUCKETS_SQL: readonly string[] = [
  `create or replace temp table _pricing_bay_events as
   select b.bay_id, e.event_id, e.category, e.expected_attendance, e.start_at, e.end_at,
          e.expected_attendance / 20000.0 * exp(-d.km / 0.8) as weight
   from silver_pricing_bays b cross join silver_pricing_events e,
        lateral (select 2 * 6371.0088 * asin(least(1, sqrt(
            pow(sin(radians(e.venue_lat - b.lat) / 2), 2) +
            cos(radians(b.lat)) * cos(radians(e.venue_lat)) * pow(sin(radians(e.venue_lon - b.lon) / 2), 2)))) as km) d
   where d.km <= ${EVENT_RADIUS_KM}`,
  `create or replace temp table _pricing_event_buckets as
   select bay_id, bucket_start,
          sum(case when bucket_start >= end_at then weight else 0 end) as event_pressure_after,
          sum(case when bucket_start < start_at then weight else 0 end) as event_pressure_before,
          1 as event_within_2km,
          max(expected_attendance) as event_attendance_nearby,
          arg_max(category, weight) as event_category
   from (select bay_id, category, expected_attendance, start_at, end_at, weight,
                unnest(generate_series(start_at - INTERVAL 60 MINUTE, end_at + INTERVAL 165 MINUTE, INTERVAL 15 MINUTE))
                  as bucket_start
         from _pricing_bay_events)
   group by bay_id, bucket_start`,
];
