export { runDoctor, type DoctorOptions } from './run-doctor.js';
export type { CousinWiring, DoctorReport, WiringCheck, WiringFinding } from './model.js';
export { dispatchListenerOf, workflowProblem, type DispatchListener, type WorkflowFile } from './workflow-listeners.js';
export { routedFeatures, routingGap, type RoutingGap } from './routing.js';
export { diagnoseCousin } from './diagnose.js';
