import { Injectable, Logger } from '@nestjs/common';
import { actorOfEvent, channelActor } from '@oms/auth';
import { EventTypes, frequencyLabel, isEventOfType, Topics, type EventEnvelope, type FrequencyV1 } from '@oms/contracts';
import { KafkaListener, PermanentEventError } from '@oms/kafka';
import { HttpException } from '@nestjs/common';
import { retryAfterOf } from '@oms/service-runtime';
import { CreateSubscriptionService } from './create-subscription.service';
import { CreateSubscriptionRequest } from './dto/create-subscription.request';

/**
 * An upstream channel order whose lines carry a frequency starts one
 * subscription per distinct frequency. The (channel, order id + frequency)
 * reference makes a redelivered order create nothing; a line that cannot be
 * subscribed to dead-letters the event with the reason.
 */
@Injectable()
export class ChannelOrderConsumer {
  private readonly logger = new Logger(ChannelOrderConsumer.name);

  constructor(private readonly creator: CreateSubscriptionService) {}

  @KafkaListener(Topics.channelOrder)
  async handle(envelope: EventEnvelope): Promise<void> {
    if (!isEventOfType(envelope, EventTypes.channelOrderPlaced)) return;
    const order = envelope.data;
    const groups = new Map<string, { frequency: FrequencyV1; lines: { productId: string; quantity: number }[] }>();
    for (const line of order.lines) {
      if (!line.frequency) continue;
      const key = `${line.frequency.unit}:${line.frequency.interval}`;
      const group = groups.get(key) ?? { frequency: line.frequency, lines: [] };
      group.lines.push({ productId: line.productId, quantity: line.quantity });
      groups.set(key, group);
    }
    for (const [key, group] of groups) {
      const request = Object.assign(new CreateSubscriptionRequest(), {
        customerId: order.customerId, customerEmail: order.customerEmail, customerName: order.customerName, channel: order.channel, currency: order.currency,
        frequency: group.frequency, lines: group.lines, externalRef: `${order.channelOrderId}:${key}`,
        ...(order.shipTo && { shipTo: order.shipTo }),
      });
      try {
        // The event's channel is its creator: a channel token whose sub is that channel name reads these subscriptions.
        const { subscription, created } = await this.creator.create(request, actorOfEvent(envelope, channelActor(order.channel)), envelope.correlationid, order.channel);
        this.logger.log(`channel order ${order.channelOrderId}: ${created ? 'created' : 'already had'} ${frequencyLabel(group.frequency)} subscription ${subscription.id}`);
      } catch (error) {
        // A 4xx is a business refusal that no retry can fix: dead-letter it with the reason. A refusal
        // marked Retry-After (a product not known yet) is temporary: thrown on, so the handler retries it.
        if (error instanceof HttpException && error.getStatus() < 500 && retryAfterOf(error) === undefined) {
          throw new PermanentEventError(`channel order ${order.channelOrderId} refused: ${JSON.stringify(error.getResponse())}`);
        }
        throw error;
      }
    }
  }
}
