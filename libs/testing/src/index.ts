export { waitFor } from './wait-for';
export { startTestInfra, exportInfraEnvironment, type InfraSource } from './test-infra';
export { dockerEngineReachable } from './container-infra';
export { createServiceTestApp, type ServiceTestAppOptions } from './service-test-app';
export { EventCollector } from './event-collector';
export { publishTestEvents } from './test-producer';
export { clearTopics } from './clear-topics';
export { authAs, badTokens, httpAs, SIGNING_KEY_VARIABLE, testToken, type TestTokenOptions } from './auth-tokens';
