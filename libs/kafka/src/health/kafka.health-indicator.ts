import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { KafkaConsumerHost } from '../consumer/kafka-consumer.host';
import { KafkaClient } from '../module/kafka-client.service';

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
      const cluster = await this.client.admin.describeCluster();
      return indicator.up({ brokers: cluster.brokers.length });
    } catch (error) {
      return indicator.down({ message: `cluster unreachable: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
}
