import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Kafka, Partitioners, type Admin, type Producer } from 'kafkajs';
import { KAFKA_MODULE_OPTIONS } from './kafka.module-definition';
import { resolveKafkaOptions, type KafkaModuleOptions, type ResolvedKafkaOptions } from './kafka-module-options.interface';
import { connectWithin } from './connect-within.util';
import { kafkaJsSecurity } from './kafka-security';
import { KAFKAJS_LOG_LEVEL, nestLogCreator } from './kafkajs-log.adapter';

/**
 * Owns the process's Kafka connections: one admin and one idempotent producer,
 * connected on module init; consumers are created from {@link kafka}.
 * They are closed in onApplicationShutdown, i.e. after consumers (onModuleDestroy)
 * and the outbox relay (beforeApplicationShutdown) have finished their in-flight work.
 */
@Injectable()
export class KafkaClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaClient.name);
  readonly options: ResolvedKafkaOptions;
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producer: Producer;

  constructor(@Inject(KAFKA_MODULE_OPTIONS) options: KafkaModuleOptions) {
    this.options = resolveKafkaOptions(options);
    const config = {
      clientId: this.options.clientId,
      brokers: this.options.brokers,
      connectionTimeout: Math.min(3_000, this.options.connectTimeoutMs),
      logLevel: KAFKAJS_LOG_LEVEL,
      logCreator: nestLogCreator,
      // Every client made from here (producer, consumers, admin) authenticates the same way.
      ...kafkaJsSecurity(this.options.security),
    };
    this.kafka = new Kafka(config);
    // The admin gets a client without connection retries (kafkajs sets them per
    // client): start-up retries through connectWithin, and health checks must answer fast.
    this.admin = new Kafka({ ...config, retry: { retries: 0 } }).admin();
    // Idempotent + one request in flight: a retried send can neither duplicate nor
    // overtake the message behind it, so per-key order survives broker hiccups.
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** Connects admin and producer, or fails start-up naming the unreachable brokers. */
  async onModuleInit(): Promise<void> {
    const { brokers, connectTimeoutMs } = this.options;
    try {
      // The admin (no retries of its own) probes the cluster; once it answers,
      // the producer's connect is a formality.
      await connectWithin(() => this.admin.connect(), connectTimeoutMs);
      await this.producer.connect();
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
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }
}
