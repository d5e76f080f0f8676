import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  Admin, compatibilityPartitioner, Consumer, ProduceAcks, Producer, stringDeserializer, stringSerializer, type ConnectionOptions,
} from '@platformatic/kafka';
import { KAFKA_MODULE_OPTIONS } from './kafka.module-definition';
import { resolveKafkaOptions, type KafkaModuleOptions, type ResolvedKafkaOptions } from './kafka-module-options.interface';
import { connectWithin } from './connect-within.util';
import { platformaticSecurity } from './kafka-security';

/** The process's producer: string keys and header values, values as raw bytes (a dead letter keeps the original's). */
export type EventProducer = Producer<string, Buffer, string, string>;

/** A consumer of the service's group: string keys and headers (a repeated header keeps its last value), values as raw bytes. */
export type EventConsumer = Consumer<string, Buffer, string, string>;

/** Most bytes one partition adds to a fetch response: a few batches' worth of our ~1 KB events. */
const FETCH_MAX_BYTES_PER_PARTITION = 128 * 1024;
/** Most bytes of one fetch response: room for every partition a member may own at the cap above. */
const FETCH_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Owns the process's Kafka connections, all on @platformatic/kafka: one admin and
 * one idempotent producer, connected on module init, and the group consumers
 * {@link createConsumer} makes. Admin and producer are closed in onApplicationShutdown, i.e. after
 * consumers (onModuleDestroy) and the outbox relay (beforeApplicationShutdown)
 * have finished their in-flight work.
 */
@Injectable()
export class KafkaClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaClient.name);
  readonly options: ResolvedKafkaOptions;
  readonly admin: Admin;
  readonly producer: EventProducer;
  private readonly connection: ConnectionOptions & { clientId: string; bootstrapBrokers: string[] };

  constructor(@Inject(KAFKA_MODULE_OPTIONS) options: KafkaModuleOptions) {
    this.options = resolveKafkaOptions(options);
    const { clientId, brokers, connectTimeoutMs, security } = this.options;
    const common = { clientId, bootstrapBrokers: brokers, connectTimeout: Math.min(3_000, connectTimeoutMs), ...platformaticSecurity(security) };
    this.connection = common;
    // No retries of its own: start-up retries through connectWithin, and health checks must answer fast.
    this.admin = new Admin({ ...common, retries: 0 });
    // Idempotent, acks from every in-sync replica, and the Java client's (and kafkajs') murmur2
    // partitioner: one key always lands on the partition it did before the switch, so per-key
    // order holds across it. The relay awaits each send, so one send per partition is in flight.
    this.producer = new Producer({
      ...common,
      idempotent: true,
      acks: ProduceAcks.ALL,
      partitioner: compatibilityPartitioner,
      serializers: { key: stringSerializer, headerKey: stringSerializer, headerValue: stringSerializer },
    });
  }

  /**
   * A new member of the service's group (`groupId`), offsets committed by hand only. Heartbeats
   * run on their own timer, apart from message handling, so a long batch keeps the membership.
   * The caller closes it (which leaves the group).
   */
  createConsumer(): EventConsumer {
    const { groupId, sessionTimeoutMs } = this.options;
    return new Consumer({
      ...this.connection,
      groupId,
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeoutMs / 3)),
      // How long the broker waits for every member to rejoin (kafkajs' default); must not be below the session timeout.
      rebalanceTimeout: Math.max(60_000, sessionTimeoutMs),
      autocommit: false,
      // Short fetch wait: closing waits for the pending fetch to return.
      maxWaitTime: 500,
      // The broker fills a fetch partition by partition in request order, and the client's default
      // per-partition cap equals its 50 MB total: one backlogged partition's whole backlog came in one
      // fetch and the session paused the stream on it while other topics' partitions waited (orders
      // drained ~25,000 reservation outcomes before ~4,000 waiting due events in a 100,000-cycle run, and
      // stopped creating orders for 30-90 s at a time). A small cap per partition gives every assigned
      // partition its share of each fetch; chunks spanning partitions keep the batches full.
      maxBytes: FETCH_MAX_BYTES,
      maxBytesPerPartition: FETCH_MAX_BYTES_PER_PARTITION,
      deserializers: { key: stringDeserializer, headerKey: stringDeserializer, headerValue: stringDeserializer },
    });
  }

  /** Connects admin and producer, or fails start-up naming the unreachable brokers. */
  async onModuleInit(): Promise<void> {
    const { brokers, connectTimeoutMs } = this.options;
    try {
      // The admin (no retries of its own) probes the cluster; once it answers,
      // the producer's id is fetched so the first publish does not pay for it.
      await connectWithin(() => this.admin.metadata({ topics: [], forceUpdate: true }).then(() => undefined), connectTimeoutMs);
      await this.producer.initIdempotentProducer({});
    } catch (error) {
      await this.disconnect();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Kafka brokers ${brokers.join(', ')} are unreachable (waited ${connectTimeoutMs} ms): ${reason}`, {
        cause: error,
      });
    }
    this.logger.log(`connected to Kafka at ${brokers.join(', ')} as ${this.options.clientId}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.disconnect();
  }

  private async disconnect(): Promise<void> {
    await Promise.allSettled([this.producer.close(), this.admin.close()]);
  }
}
