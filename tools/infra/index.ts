export { authEnvironment, startInfra, type RunningInfra, type StartInfraOptions } from './local-infra';
export { BENCH_PROFILE, DEV_PROFILE, PORT_OFFSET, TEST_PROFILE, type InfraProfile } from './profiles';
export { SERVICES, PRISMA_SCHEMAS, databaseUrlVariable, type ServiceName } from './services';
export { startMailSink, type MailSink, type ReceivedMail } from './mail-sink';
export { COMPOSE_FILE, containerImages, imageTag, type ContainerImages } from './container-images';
export { ensureSigningKey, readSigningKey, signingKeyFile, signToken, startLocalIssuer, type LocalIssuer, type SigningKey, type TokenRequest } from './local-issuer';
export { startKafkaBroker, type KafkaBrokerHandle } from './kafka-broker';
export { BENCH_SERVERS, coreCount, coresBusy, machineCpu, type BenchServers, type MachineCpu } from './machine-cpu';
