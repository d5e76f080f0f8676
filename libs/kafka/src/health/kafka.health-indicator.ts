import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { KafkaConsumerHost } from '../consumer/kafka-consumer.host';
import { KafkaClient } from '../module/kafka-client.service';
import { kafkaErrorText } from '../module/kafka-error.util';

/**
 * Readiness of the Kafka side: the cluster answers a metadata request and the
 * consumer (if the service has listeners) has not crashed for good.
 *
 * @example
 * ```ts
 * @Get('ready') @HealthCheck()
 * ready() { return this.health.check([() => this.kafka.isHealthy('kafka')]); }
 * ```
 */
@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly client: KafkaClient,
    private readonly consumer: KafkaConsumerHost,
  ) {}

  async isHealthy<const Key extends string = 'kafka'>(key: Key = 'kafka' as Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    const crash = this.consumer.crashed;
    if (crash) return indicator.down({ message: `consumer crashed: ${crash.message}` });
    try {
      // A fresh metadata request (not the client's cached copy): the cluster must answer now.
      const cluster = await this.client.admin.metadata({ topics: [], forceUpdate: true });
      return indicator.up({ brokers: cluster.brokers.size });
    } catch (error) {
      return indicator.down({ message: `cluster unreachable: ${kafkaErrorText(error)}` });
    }
  }
}
