import { hostname } from 'node:os';
import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule } from '@oms/auth';
import { KafkaModule, kafkaSecurityFrom } from '@oms/kafka';
import { OUTBOX_DATABASE, OutboxModule } from '@oms/outbox';
import { LoggerModule } from 'nestjs-pino';
import type { BaseEnvironment } from './config/base-environment';
import { environmentValidator } from './config/validate-environment';
import { DatabaseHealthIndicator } from './health/database.health';
import { HealthController } from './health/health.controller';
import { pinoOptions } from './logging/pino-options';
import { CLOCK } from './clock/clock';
import { clockProvider } from './clock/clock.provider';
import { TestingClockHttpController } from './clock/testing-clock.http.controller';
import { IDEMPOTENCY_DATABASE } from './idempotency/idempotency.constants';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyKeyStore } from './idempotency/idempotency-key.store';
import { RetryAfterInterceptor } from './http/retry-after';

const KAFKA_SECURITY_VARIABLES = [
  'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SSL', 'KAFKA_SSL_CA_FILE', 'KAFKA_SSL_REJECT_UNAUTHORIZED',
] as const;

export interface ServiceCoreOptions<T extends BaseEnvironment> {
  serviceName: string;
  /** Default HTTP port (PORT overrides it). */
  port: number;
  /** The service's environment class; BaseEnvironment when it adds nothing. */
  environment: new () => T;
  /** The service's PrismaService (see PrismaServiceFor); also serves as OUTBOX_DATABASE. */
  database: Type<unknown>;
}

/**
 * Everything a service needs before its own features: validated config, JSON
 * logs, Kafka (producer, listeners, health), bearer-token auth on every route
 * (AuthModule's global guard), /health/live + /health/ready and
 * Idempotency-Key on every POST (the service's database has the table).
 * Global, so feature modules inject the service's PrismaService directly.
 */
@Module({})
export class ServiceCoreModule {
  static forRoot<T extends BaseEnvironment>(options: ServiceCoreOptions<T>): DynamicModule {
    const { serviceName } = options;
    const database = [
      options.database,
      { provide: OUTBOX_DATABASE, useExisting: options.database },
      { provide: IDEMPOTENCY_DATABASE, useExisting: options.database },
    ];
    return {
      module: ServiceCoreModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          cache: true,
          ignoreEnvFile: true,
          validate: environmentValidator(options.environment, { serviceName, port: options.port }),
        }),
        LoggerModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({ pinoHttp: pinoOptions(serviceName, config.getOrThrow('LOG_LEVEL')) }),
        }),
        TerminusModule.forRoot({ errorLogStyle: 'pretty' }),
        KafkaModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            clientId: `${serviceName}-${hostname()}-${process.pid}`,
            brokers: config.getOrThrow<string>('KAFKA_BROKERS').split(','),
            groupId: config.getOrThrow<string>('KAFKA_GROUP_ID'),
            connectTimeoutMs: config.getOrThrow<number>('STARTUP_TIMEOUT_MS'),
            sessionTimeoutMs: config.getOrThrow<number>('KAFKA_SESSION_TIMEOUT_MS'),
            partitionsConcurrency: config.getOrThrow<number>('KAFKA_PARTITIONS_CONCURRENCY'),
            maxBatchSize: config.getOrThrow<number>('KAFKA_MAX_BATCH_SIZE'),
            consume: config.getOrThrow<boolean>('KAFKA_CONSUME'),
            security: kafkaSecurityFrom(Object.fromEntries(KAFKA_SECURITY_VARIABLES.map((name) => [name, config.get<string>(name)]))),
          }),
        }),
        OutboxModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => {
            const retentionMs = config.getOrThrow<number>('OUTBOX_RETENTION_MS');
            // Kept for no time at all: the relay deletes what it publishes; the sweep deletes only rows marked
            // published before (by this version with a retention, or by a replica that still has one).
            return { relay: { keepPublished: retentionMs > 0 }, sweep: { intervalMs: config.getOrThrow<number>('OUTBOX_SWEEP_INTERVAL_MS'), retentionMs } };
          },
        }),
        AuthModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            issuer: config.getOrThrow<string>('AUTH_ISSUER'),
            audience: config.getOrThrow<string>('AUTH_AUDIENCE'),
            jwksUrl: config.getOrThrow<string>('AUTH_JWKS_URL'),
            clockSkewSeconds: config.getOrThrow<number>('AUTH_CLOCK_SKEW_SECONDS'),
          }),
        }),
      ],
      controllers: [HealthController, TestingClockHttpController],
      providers: [
        ...database, DatabaseHealthIndicator, clockProvider, IdempotencyKeyStore,
        // Registered first, so it is outermost and also sees the idempotency interceptor's own refusals.
        { provide: APP_INTERCEPTOR, useClass: RetryAfterInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [...database, CLOCK],
    };
  }
}
