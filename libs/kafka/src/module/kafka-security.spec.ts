import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSecurityFrom, kafkaSecurityProblems, platformaticSecurity } from './kafka-security';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, PEM);
const scram = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'orders', KAFKA_SASL_PASSWORD: 's3cret' };

describe('Kafka security from configuration', () => {
  it('is plaintext without any variable', () => {
    expect(kafkaSecurityFrom({})).toEqual({});
  });

  it.each(['scram-sha-512', 'SCRAM-SHA-256', 'plain'])('reads SASL %s (any case) with its credentials', (mechanism) => {
    const security = kafkaSecurityFrom({ ...scram, KAFKA_SASL_MECHANISM: mechanism });
    expect(security).toEqual({ sasl: { mechanism: mechanism.toLowerCase(), username: 'orders', password: 's3cret' } });
  });

  it('turns TLS on with KAFKA_SSL, a CA file (read as PEM) or a relaxed certificate check', () => {
    expect(kafkaSecurityFrom({ KAFKA_SSL: 'true' })).toEqual({ ssl: { rejectUnauthorized: true } });
    expect(kafkaSecurityFrom({ ...scram, KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: caFile })).toEqual({
      ssl: { rejectUnauthorized: true, ca: PEM },
      sasl: { mechanism: 'scram-sha-512', username: 'orders', password: 's3cret' },
    });
    expect(kafkaSecurityFrom({ KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' })).toEqual({ ssl: { rejectUnauthorized: false } });
    expect(kafkaSecurityFrom({ KAFKA_SSL: 'false' })).toEqual({});
  });

  it('maps the same settings to @platformatic/kafka options (upper-case mechanism, tls)', () => {
    expect(platformaticSecurity(kafkaSecurityFrom({}))).toEqual({});
    expect(platformaticSecurity(kafkaSecurityFrom({ ...scram, KAFKA_SSL_CA_FILE: caFile }))).toEqual({
      tls: { rejectUnauthorized: true, ca: [PEM] },
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'orders', password: 's3cret' },
    });
    expect(platformaticSecurity(kafkaSecurityFrom({ ...scram, KAFKA_SASL_MECHANISM: 'plain' })).sasl?.mechanism).toBe('PLAIN');
    expect(platformaticSecurity(kafkaSecurityFrom({ KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' }))).toEqual({ tls: { rejectUnauthorized: false } });
  });

  it('names the missing variable when a mechanism comes without credentials', () => {
    expect(kafkaSecurityProblems({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'orders' })).toEqual([
      'KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM is set',
    ]);
    expect(() => kafkaSecurityFrom({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(
      /KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set[\s\S]*KAFKA_SASL_PASSWORD is required/,
    );
  });

  it('names every other bad variable', () => {
    expect(kafkaSecurityProblems({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toEqual([
      'KAFKA_SASL_MECHANISM must be one of scram-sha-512, scram-sha-256, plain (was "gssapi")',
    ]);
    expect(kafkaSecurityProblems({ KAFKA_SASL_USERNAME: 'u' })).toEqual(['KAFKA_SASL_USERNAME is set but KAFKA_SASL_MECHANISM is not']);
    expect(kafkaSecurityProblems({ KAFKA_SSL: 'yes', KAFKA_SSL_REJECT_UNAUTHORIZED: '0' })).toEqual([
      'KAFKA_SSL must be true or false', 'KAFKA_SSL_REJECT_UNAUTHORIZED must be true or false',
    ]);
    expect(kafkaSecurityProblems({ KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') })).toEqual([
      expect.stringMatching(/^KAFKA_SSL_CA_FILE .*missing\.pem cannot be read: ENOENT/),
    ]);
    writeFileSync(join(dir, 'empty.pem'), 'not a certificate');
    expect(kafkaSecurityProblems({ KAFKA_SSL_CA_FILE: join(dir, 'empty.pem') })).toEqual([expect.stringMatching(/holds no PEM certificate$/)]);
  });
});
