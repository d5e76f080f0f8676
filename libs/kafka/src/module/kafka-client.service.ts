import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Admin, compatibilityPartitioner, ProduceAcks, Producer, stringSerializer } from '@platformatic/kafka';
import { Kafka } from 'kafkajs';
import { KAFKA_MODULE_OPTIONS } from './kafka.module-definition';
import { resolveKafkaOptions, type KafkaModuleOptions, type ResolvedKafkaOptions } from './kafka-module-options.interface';
import { connectWithin } from './connect-within.util';
import { kafkaJsSecurity, platformaticSecurity } from './kafka-security';
import { KAFKAJS_LOG_LEVEL, nestLogCreator } from './kafkajs-log.adapter';

/** The process's producer: string keys and header values, values as raw bytes (a dead letter keeps the original's). */
export type EventProducer = Producer<string, Buffer, string, string>;

/**
 * Owns the process's Kafka connections: one admin and one idempotent producer
 * (@platformatic/kafka), connected on module init; consumers are created from
 * {@link kafka} (kafkajs). They are closed in onApplicationShutdown, i.e. after
 * consumers (onModuleDestroy) and the outbox relay (beforeApplicationShutdown)
 * have finished their in-flight work.
 */
@Injectable()
export class KafkaClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaClient.name);
  readonly options: ResolvedKafkaOptions;
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producer: EventProducer;

  constructor(@Inject(KAFKA_MODULE_OPTIONS) options: KafkaModuleOptions) {
    this.options = resolveKafkaOptions(options);
    const { clientId, brokers, connectTimeoutMs, security } = this.options;
    this.kafka = new Kafka({
      clientId, brokers, connectionTimeout: Math.min(3_000, connectTimeoutMs), logLevel: KAFKAJS_LOG_LEVEL, logCreator: nestLogCreator,
      ...kafkaJsSecurity(security),
    });
    const common = { clientId, bootstrapBrokers: brokers, connectTimeout: Math.min(3_000, connectTimeoutMs), ...platformaticSecurity(security) };
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
