export { waitFor } from './wait-for';
export { startTestInfra, exportInfraEnvironment, type InfraSource } from './test-infra';
export { dockerEngineReachable } from './container-infra';
