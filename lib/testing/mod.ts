/**
 * Helpers for the project's tests: finding the outside tools a test needs (skip locally, fail in CI).
 * @module
 */
export { findTool, type FindToolOptions, type Tool, toolsRequired } from "./tools.ts";
