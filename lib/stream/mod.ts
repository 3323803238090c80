/**
 * Streaming building blocks, domain-free: an injectable {@link Clock} (system or manual) and the
 * {@link MicroBatcher} (close a batch at N records or T ms after its first, whichever first).
 * @module
 */
export { type Clock, ManualClock, systemClock } from "./clock.ts";
export {
  BatchHandlerError,
  type MicroBatch,
  microBatch,
  MicroBatcher,
  type MicroBatcherOptions,
} from "./micro_batcher.ts";
