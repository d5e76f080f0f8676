import type { KafkaSecurityOptions } from './kafka-security';

/** Settings of {@link KafkaModule}; usually built from validated configuration. */
export interface KafkaModuleOptions {
  /** Identifies this service in broker logs and quotas, e.g. `orders`. */
  clientId: string;
  /** `host:port` of each bootstrap broker. */
  brokers: string[];
  /** Consumer group shared by every replica of the service (the service name). */
  groupId: string;
  /** Start-up fails with "brokers ... are unreachable" after this long. Default 10000. */
  connectTimeoutMs?: number;
  /** Retries of a handler's transient failure before the message is dead-lettered. Default 5. */
  handlerRetries?: number;
  /** First backoff delay between handler retries; it doubles each try. Default 200. */
  retryBaseDelayMs?: number;
  /**
   * Where a new consumer group starts reading. Default true: a service deployed
   * after events were published must still see them.
   */
  fromBeginning?: boolean;
  /**
   * How long the broker waits for a silent consumer before handing its
   * partitions to another replica. Default 30000; tests that kill a consumer
   * use the broker minimum (6000) so the survivor takes over quickly.
   */
  sessionTimeoutMs?: number;
  /**
   * Chunks handled at the same time by this consumer (a chunk may hold
   * several partitions of one topic, see `maxBatchSize`). Messages of one
   * partition (one key) stay strictly sequential, so per-aggregate order
   * holds; different aggregates proceed in parallel. Default 1: on the 2-core
   * machines measured so far the pipeline is CPU-bound and 6 gained nothing.
   */
  partitionsConcurrency?: number;
  /**
   * Most messages of one topic handed to a listener at once (for an
   * `@IdempotentListener`: one database transaction): the oldest ready
   * partition's, topped up from the topic's other ready partitions; offsets
   * are committed after each such batch. Default 50: a batch's orders are only visible
   * downstream once it commits, and in bench:pipeline 50 moved 2,000 cycles
   * at 59-62/s against 38-45/s with 500 (stage latency behind each batch
   * 2 s p50 instead of 6.5 s), with no more CPU per cycle.
   */
  maxBatchSize?: number;
  /**
   * Default true. false: this process joins no consumer group and takes no message; its HTTP API, timers and
   * outbox relay run as usual. For a process given one job of a service, such as a notifications replica that
   * only sends email, off the event loop of the replicas that consume (see README Benchmarks).
   */
  consume?: boolean;
  /** SASL and TLS for a secured cluster (`kafkaSecurityFrom` builds it from the KAFKA_SASL_* / KAFKA_SSL* variables). Default: plaintext. */
  security?: KafkaSecurityOptions;
}

/** {@link KafkaModuleOptions} with every default applied. */
export type ResolvedKafkaOptions = Required<KafkaModuleOptions>;

/** Applies the documented defaults and rejects settings that cannot work. */
export function resolveKafkaOptions(options: KafkaModuleOptions): ResolvedKafkaOptions {
  const brokers = options.brokers.map((b) => b.trim()).filter((b) => b !== '');
  if (brokers.length === 0) throw new Error('KafkaModule: brokers must name at least one host:port');
  if (options.maxBatchSize !== undefined && !(options.maxBatchSize >= 1)) throw new Error('KafkaModule: maxBatchSize must be at least 1');
  return {
    clientId: options.clientId,
    brokers,
    groupId: options.groupId,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    handlerRetries: options.handlerRetries ?? 5,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
    fromBeginning: options.fromBeginning ?? true,
    sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
    partitionsConcurrency: options.partitionsConcurrency ?? 1,
    maxBatchSize: options.maxBatchSize ?? 50,
    consume: options.consume ?? true,
    security: options.security ?? {},
  };
}
