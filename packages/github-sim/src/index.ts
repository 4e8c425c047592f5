export { startSim } from './sim.js';
export type { Sim, SimOptions } from './sim.js';
export type { InternalOptions } from './context.js';
export type {
  Access,
  CreateRepoOptions,
  CreateTokenOptions,
  FaultKind,
  FaultOptions,
  InstallationSpec,
  PermissionName,
  PushEvent,
  RateLimitOptions,
  RecordedDispatch,
  RecordedRequest,
  SimApp,
  SimComment,
  SimEventName,
  SimIssue,
  SimPull,
  TokenPermissions,
} from './types.js';
export type { RunConclusion, WorkflowRunRecord } from './workflow-runs.js';
