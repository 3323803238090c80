/**
 * The experiment runner: command-line arguments, the context an experiment receives, and the run that
 * times its steps and writes `metrics.json` and the report.
 * @module
 */
export {
  checkExperimentOptions,
  COMMON_FLAGS,
  type ExperimentArgs,
  flagHelp,
  parseExperimentArgs,
  type RunScale,
  SCALES,
} from "./args.ts";
export {
  type Experiment,
  type ExperimentContext,
  type ExperimentResult,
  makeRunId,
  type MetricValue,
  runExperiment,
  type RunOptions,
  type RunOutcome,
} from "./runner.ts";
