/**
 * Interactions from a Frame (a DuckDB query result or a simulator table), naming the columns.
 *
 * @example
 * ```ts
 * import { makeFrame } from "../data/mod.ts";
 * import { interactionsFromFrame } from "./frame.ts";
 * const f = makeFrame({ user_id: new Int32Array([0, 1]), item_id: new Int32Array([3, 3]), ts: new Float64Array([5, 6]) });
 * interactionsFromFrame(f, { user: "user_id", item: "item_id", timestamp: "ts" }).nItems; // 4
 * ```
 * @module
 */
import { type Frame, isStringColumn, type NumericColumn } from "../data/types.ts";
import { InputError } from "../errors.ts";
import { type Interactions, makeInteractions } from "./interactions.ts";

/** Column names and id-space sizes for {@link interactionsFromFrame}. */
export interface FrameInteractionOptions {
  readonly user: string;
  readonly item: string;
  readonly timestamp: string;
  /** Rating column; omitted → 1 per row. */
  readonly rating?: string;
  /** Sizes of the id spaces (default max index + 1); ids must already be dense 0-based integers. */
  readonly nUsers?: number;
  readonly nItems?: number;
}

function numeric(f: Frame, name: string): NumericColumn {
  const c = f.columns[name];
  if (c === undefined) throw new InputError(name, `column not in frame [${f.names.join(", ")}]`);
  if (isStringColumn(c)) {
    throw new InputError(name, "is a string column; expected dense integer ids or numbers");
  }
  return c;
}

/** Builds an {@link Interactions} from numeric columns of a frame (validated by `makeInteractions`). */
export function interactionsFromFrame(f: Frame, o: FrameInteractionOptions): Interactions {
  return makeInteractions({
    user: numeric(f, o.user),
    item: numeric(f, o.item),
    timestamp: numeric(f, o.timestamp),
    rating: o.rating === undefined ? undefined : numeric(f, o.rating),
    nUsers: o.nUsers,
    nItems: o.nItems,
  });
}
