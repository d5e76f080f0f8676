import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';

/**
 * Variables every service reads. A service extends this class with its own.
 * DATABASE_URL and KAFKA_BROKERS have development defaults (the local
 * tooling's ports) and are required when NODE_ENV=production.
 */
export class BaseEnvironment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgresql:// connection URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^[^,\s:]+:\d+(,[^,\s:]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS?: string;

  /** Consumer group; defaults to the service name so replicas share partitions. */
  @IsOptional()
  @IsString()
  KAFKA_GROUP_ID?: string;

  /**
   * How long the broker waits for a silent consumer before giving its partitions
   * to another replica: the pause after a crash (Kafka accepts 6000 to 300000).
   */
  @Type(() => Number)
  @IsInt()
  @Min(6000)
  @Max(300000)
  KAFKA_SESSION_TIMEOUT_MS: number = 30000;

  /** Partitions each consumer handles at once (messages of one key stay sequential). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_PARTITIONS_CONCURRENCY: number = 1;

  /**
   * Most messages of one topic (across its ready partitions) handled in one batch (one database transaction); offsets are committed per batch.
   * 50: downstream sees a batch's effects only when it commits; larger batches measured slower end to end (README Benchmarks).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  KAFKA_MAX_BATCH_SIZE: number = 50;

  /** SASL mechanism of a secured broker: scram-sha-512 (also scram-sha-256, plain); needs username and password. */
  @IsOptional()
  @IsString()
  KAFKA_SASL_MECHANISM?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  /** TLS to the brokers (true/false); implied by KAFKA_SSL_CA_FILE. */
  @IsOptional()
  @IsString()
  KAFKA_SSL?: string;

  /** PEM file of the CA that signed the brokers' certificates, when the system's CAs did not. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CA_FILE?: string;

  /** false accepts any broker certificate (a test cluster's self-signed one); default true. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_REJECT_UNAUTHORIZED?: string;

  /** How long start-up waits for the broker and the database before failing. */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  STARTUP_TIMEOUT_MS: number = 15000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /**
   * Pause between sweeps that delete published outbox rows older than OUTBOX_RETENTION_MS (rows kept with a retention
   * above 0, or left by an earlier setting); 0 = no sweep.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  OUTBOX_SWEEP_INTERVAL_MS: number = 600000;

  /**
   * 0 (the default): the relay deletes each outbox row in the transaction that publishes it; the broker keeps the event
   * for the topic's retention. The outbox is a queue: kept, every published row cost the database a second version of
   * the row and its index entries, and at a thousand cycles a second 7 days of them would be billions of rows.
   * Above 0: published rows are marked and kept that long (to inspect or replay by hand), then the sweep deletes them.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  OUTBOX_RETENTION_MS: number = 0;

  /**
   * false: this replica takes no Kafka message (it serves HTTP and runs its timers and outbox relay), so it can be
   * given one job, such as sending a service's email beside the replicas that consume.
   */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  KAFKA_CONSUME: boolean = true;

  /**
   * Test and demo aid: business time comes from a clock that PUT /testing/clock
   * sets or moves, so a scenario can span months in seconds. Refused in production.
   */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  CLOCK_CONTROL: boolean = false;

  /** Expected `iss` of bearer tokens (the identity provider); the local issuer's in development. Required in production. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_ISSUER?: string;

  /** Expected `aud` of bearer tokens (this API's identifier at the provider). Required in production. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUTH_AUDIENCE?: string;

  /** The provider's JSON Web Key Set, e.g. https://idp.example.com/.well-known/jwks.json. Required in production. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'AUTH_JWKS_URL must be an http(s) URL' })
  AUTH_JWKS_URL?: string;

  /** Tolerated clock difference with the identity provider when checking exp and nbf. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  AUTH_CLOCK_SKEW_SECONDS: number = 30;
}
