/** Progress reporting for long steps. @module */
export { consoleProgress, type Progress, silentProgress } from "./progress.ts";
