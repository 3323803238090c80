/**
 * File input and output shared by the engine: atomic writes (temp file + rename), so a reader never
 * sees a half-written file and a crash never destroys the previous version.
 * @module
 */
export { tempPathFor, withAtomicPath, writeBytesAtomic, writeJsonAtomic, writeTextAtomic } from "./atomic.ts";
