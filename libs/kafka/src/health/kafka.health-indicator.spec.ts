import { HealthIndicatorService } from '@nestjs/terminus';
import type { KafkaConsumerHost } from '../consumer/kafka-consumer.host';
import type { KafkaClient } from '../module/kafka-client.service';
import { KafkaHealthIndicator } from './kafka.health-indicator';

function indicator(metadata: () => Promise<unknown>, crashed?: Error) {
  const client = { admin: { metadata } } as unknown as KafkaClient;
  return new KafkaHealthIndicator(new HealthIndicatorService(), client, { crashed } as KafkaConsumerHost);
}

describe('KafkaHealthIndicator', () => {
  it('is up when the cluster answers', async () => {
    const result = await indicator(async () => ({ brokers: new Map([[1, {}], [2, {}]]) })).isHealthy('kafka');
    expect(result).toEqual({ kafka: { status: 'up', brokers: 2 } });
  });

  it('is down when the cluster does not answer', async () => {
    const result = await indicator(async () => { throw new Error('Connection timeout'); }).isHealthy('kafka');
    expect(result).toEqual({ kafka: { status: 'down', message: 'cluster unreachable: Connection timeout' } });
  });

  it('is down when the consumer crashed for good, without asking the cluster', async () => {
    const metadata = jest.fn();
    const result = await indicator(metadata, new Error('group coordinator gone')).isHealthy();
    expect(result).toEqual({ kafka: { status: 'down', message: 'consumer crashed: group coordinator gone' } });
    expect(metadata).not.toHaveBeenCalled();
  });
});
