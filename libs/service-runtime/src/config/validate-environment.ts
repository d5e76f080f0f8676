import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { JWKS_PATH, LOCAL_AUDIENCE, LOCAL_ISSUER, LOCAL_JWKS_PORT } from '@oms/auth';
import { kafkaSecurityProblems } from '@oms/kafka';
import type { BaseEnvironment } from './base-environment';

export interface ServiceDefaults {
  serviceName: string;
  port: number;
}

/** Thrown when configuration is missing or malformed; the message names every bad variable. */
export class InvalidConfigurationError extends Error {}

/**
 * Builds the `validate` function for ConfigModule (NestJS "custom validate
 * function" recipe). Development gets the local tooling's addresses as
 * defaults; production must be told where its database and broker are.
 */
export function environmentValidator<T extends BaseEnvironment>(
  schema: new () => T,
  defaults: ServiceDefaults,
): (raw: Record<string, unknown>) => T {
  return (raw) => {
    const env = plainToInstance(schema, { PORT: defaults.port, ...raw }, { enableImplicitConversion: false });
    const problems = validateSync(env, { skipMissingProperties: false }).flatMap(describe);
    problems.push(...kafkaSecurityProblems(env));
    if (env.NODE_ENV === 'production') {
      if (!env.DATABASE_URL) problems.push('DATABASE_URL is required when NODE_ENV=production');
      if (!env.KAFKA_BROKERS) problems.push('KAFKA_BROKERS is required when NODE_ENV=production');
      for (const name of ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL'] as const) {
        if (!env[name]) problems.push(`${name} is required when NODE_ENV=production`);
      }
      if (env.CLOCK_CONTROL) problems.push('CLOCK_CONTROL must not be enabled when NODE_ENV=production');
    }
    if (problems.length > 0) {
      throw new InvalidConfigurationError(
        `Invalid configuration for the ${defaults.serviceName} service:\n  - ${problems.join('\n  - ')}`,
      );
    }
    env.DATABASE_URL ??= `postgresql://postgres:postgres@127.0.0.1:54320/${defaults.serviceName}`;
    env.KAFKA_BROKERS ??= '127.0.0.1:9092';
    env.KAFKA_GROUP_ID ??= defaults.serviceName;
    env.AUTH_ISSUER ??= LOCAL_ISSUER;
    env.AUTH_AUDIENCE ??= LOCAL_AUDIENCE;
    env.AUTH_JWKS_URL ??= `http://127.0.0.1:${LOCAL_JWKS_PORT}${JWKS_PATH}`;
    return env;
  };
}

function describe(error: ValidationError): string[] {
  const own = Object.values(error.constraints ?? {}).map((message) =>
    message.startsWith(error.property) ? message : `${error.property}: ${message}`,
  );
  return [...own, ...(error.children ?? []).flatMap(describe)];
}
