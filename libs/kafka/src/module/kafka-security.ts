import { readFileSync } from 'node:fs';
import type { ConnectionOptions, SASLMechanismValue } from '@platformatic/kafka';

/** SASL mechanisms the client accepts; SCRAM-SHA-512 is the one to use against a secured cluster. */
export const SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/**
 * How to reach a secured broker: SASL credentials and/or TLS. Applied to every
 * Kafka client of a process (producer, consumers, admin, the outbox relay's
 * producer, the topic tool), so they authenticate alike.
 */
export interface KafkaSecurityOptions {
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /** TLS to the brokers; `ca` is PEM text (the cluster's CA) when the system's CAs do not sign it. */
  ssl?: { ca?: string; rejectUnauthorized: boolean };
}

/** The variables, as the environment (or validated configuration) holds them. */
export interface KafkaSecurityVariables {
  KAFKA_SASL_MECHANISM?: string;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
  KAFKA_SSL?: string | boolean;
  KAFKA_SSL_CA_FILE?: string;
  KAFKA_SSL_REJECT_UNAUTHORIZED?: string | boolean;
}

/** Every problem with the variables, each naming its variable; empty when they can be used. */
export function kafkaSecurityProblems(vars: KafkaSecurityVariables): string[] {
  const problems: string[] = [];
  const mechanism = present(vars.KAFKA_SASL_MECHANISM);
  if (mechanism !== undefined && !(SASL_MECHANISMS as readonly string[]).includes(mechanism.toLowerCase())) {
    problems.push(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')} (was "${mechanism}")`);
  }
  for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
    if (mechanism !== undefined && present(vars[name]) === undefined) problems.push(`${name} is required when KAFKA_SASL_MECHANISM is set`);
    if (mechanism === undefined && present(vars[name]) !== undefined) problems.push(`${name} is set but KAFKA_SASL_MECHANISM is not`);
  }
  for (const name of ['KAFKA_SSL', 'KAFKA_SSL_REJECT_UNAUTHORIZED'] as const) {
    if (vars[name] !== undefined && flag(vars[name]) === undefined) problems.push(`${name} must be true or false`);
  }
  const caFile = present(vars.KAFKA_SSL_CA_FILE);
  if (caFile !== undefined) {
    try {
      if (!readFileSync(caFile, 'utf8').includes('-----BEGIN CERTIFICATE-----')) problems.push(`KAFKA_SSL_CA_FILE ${caFile} holds no PEM certificate`);
    } catch (error) {
      problems.push(`KAFKA_SSL_CA_FILE ${caFile} cannot be read: ${(error as Error).message}`);
    }
  }
  return problems;
}

/**
 * The security settings the variables describe. A CA file or a certificate
 * check turned off implies TLS. Throws, naming every bad variable, when
 * {@link kafkaSecurityProblems} finds any.
 */
export function kafkaSecurityFrom(vars: KafkaSecurityVariables): KafkaSecurityOptions {
  const problems = kafkaSecurityProblems(vars);
  if (problems.length > 0) throw new Error(`Invalid Kafka security configuration:\n  - ${problems.join('\n  - ')}`);
  const options: KafkaSecurityOptions = {};
  const mechanism = present(vars.KAFKA_SASL_MECHANISM)?.toLowerCase() as SaslMechanism | undefined;
  if (mechanism) options.sasl = { mechanism, username: vars.KAFKA_SASL_USERNAME!, password: vars.KAFKA_SASL_PASSWORD! };
  const caFile = present(vars.KAFKA_SSL_CA_FILE);
  const rejectUnauthorized = flag(vars.KAFKA_SSL_REJECT_UNAUTHORIZED) ?? true;
  if (flag(vars.KAFKA_SSL) === true || caFile !== undefined || !rejectUnauthorized) {
    options.ssl = { rejectUnauthorized, ...(caFile !== undefined && { ca: readFileSync(caFile, 'utf8') }) };
  }
  return options;
}

/** The `tls` / `sasl` part of a @platformatic/kafka client's options (mechanism names are upper case there). */
export function platformaticSecurity(security: KafkaSecurityOptions = {}): Pick<ConnectionOptions, 'tls' | 'sasl'> {
  const options: Pick<ConnectionOptions, 'tls' | 'sasl'> = {};
  if (security.ssl) options.tls = { rejectUnauthorized: security.ssl.rejectUnauthorized, ...(security.ssl.ca && { ca: [security.ssl.ca] }) };
  if (security.sasl) {
    const { mechanism, username, password } = security.sasl;
    options.sasl = { mechanism: mechanism.toUpperCase() as SASLMechanismValue, username, password };
  }
  return options;
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function flag(value: string | boolean | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === undefined) return undefined;
  return value === 'true' ? true : value === 'false' ? false : undefined;
}
