import { BaseEnvironment } from './base-environment';
import { environmentValidator, InvalidConfigurationError } from './validate-environment';

const validate = environmentValidator(BaseEnvironment, { serviceName: 'orders', port: 3003 });

describe('environmentValidator', () => {
  it('fills development defaults from the local tooling', () => {
    const env = validate({});
    expect(env.PORT).toBe(3003);
    expect(env.DATABASE_URL).toBe('postgresql://postgres:postgres@127.0.0.1:54320/orders');
    expect(env.KAFKA_BROKERS).toBe('127.0.0.1:9092');
    expect(env.KAFKA_GROUP_ID).toBe('orders');
    expect(env.AUTH_ISSUER).toBe('oms-local');
    expect(env.AUTH_AUDIENCE).toBe('oms-api');
    expect(env.AUTH_JWKS_URL).toBe('http://127.0.0.1:8090/.well-known/jwks.json');
  });

  it('requires the identity provider in production, naming each variable', () => {
    const attempt = () => validate({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@db/orders', KAFKA_BROKERS: 'k:9092' });
    expect(attempt).toThrow(/AUTH_ISSUER is required[\s\S]*AUTH_AUDIENCE is required[\s\S]*AUTH_JWKS_URL is required/);
    expect(() => validate({ AUTH_JWKS_URL: 'not a url' })).toThrow(/AUTH_JWKS_URL must be an http\(s\) URL/);
  });

  it('requires the database and broker in production, naming both', () => {
    expect(() => validate({ NODE_ENV: 'production' })).toThrow(InvalidConfigurationError);
    expect(() => validate({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL is required[\s\S]*KAFKA_BROKERS is required/);
  });

  it('refuses a controllable clock in production', () => {
    const attempt = () => validate({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@db/orders', KAFKA_BROKERS: 'k:9092', CLOCK_CONTROL: 'true' });
    expect(attempt).toThrow(/CLOCK_CONTROL must not be enabled when NODE_ENV=production/);
    expect(validate({ CLOCK_CONTROL: 'true' }).CLOCK_CONTROL).toBe(true);
  });

  it('keeps no published outbox row by default (the relay deletes what it publishes), and keeps them as long as OUTBOX_RETENTION_MS says', () => {
    expect(validate({}).OUTBOX_RETENTION_MS).toBe(0);
    expect(validate({ OUTBOX_RETENTION_MS: '604800000' }).OUTBOX_RETENTION_MS).toBe(604800000);
    expect(() => validate({ OUTBOX_RETENTION_MS: '-1' })).toThrow(/OUTBOX_RETENTION_MS/);
  });

  it('consumes Kafka unless KAFKA_CONSUME=false, and names a value that is not a boolean', () => {
    expect(validate({}).KAFKA_CONSUME).toBe(true);
    expect(validate({ KAFKA_CONSUME: 'false' }).KAFKA_CONSUME).toBe(false);
    expect(() => validate({ KAFKA_CONSUME: 'no' })).toThrow(/KAFKA_CONSUME/);
  });

  it('stops start-up naming the missing SASL credential, and accepts a complete SCRAM-SHA-512 setting', () => {
    expect(() => validate({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_PASSWORD: 'p' })).toThrow(
      /Invalid configuration for the orders service:\n {2}- KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set/,
    );
    const env = validate({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'orders', KAFKA_SASL_PASSWORD: 'p', KAFKA_SSL: 'true' });
    expect(env).toMatchObject({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SSL: 'true' });
  });

  it('names each malformed variable', () => {
    const attempt = () => validate({ PORT: 'eighty', DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'nohost' });
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/DATABASE_URL must be a postgresql:\/\/ connection URL/);
    expect(attempt).toThrow(/KAFKA_BROKERS must be host:port/);
  });

  it('accepts explicit production settings', () => {
    const env = validate({
      NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@db:5432/orders', KAFKA_BROKERS: 'k1:9092,k2:9092', PORT: '8080',
      AUTH_ISSUER: 'https://idp.example.com/', AUTH_AUDIENCE: 'oms', AUTH_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json',
    });
    expect(env.AUTH_ISSUER).toBe('https://idp.example.com/');
    expect(env.PORT).toBe(8080);
    expect(env.KAFKA_BROKERS).toBe('k1:9092,k2:9092');
  });
});
