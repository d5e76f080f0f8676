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

  it('names each malformed variable', () => {
    const attempt = () => validate({ PORT: 'eighty', DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'nohost' });
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/DATABASE_URL must be a postgresql:\/\/ connection URL/);
    expect(attempt).toThrow(/KAFKA_BROKERS must be host:port/);
  });

  it('accepts explicit production settings', () => {
    const env = validate({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@db:5432/orders', KAFKA_BROKERS: 'k1:9092,k2:9092', PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.KAFKA_BROKERS).toBe('k1:9092,k2:9092');
  });
});
