import { Module } from '@nestjs/common';
import { ProductChangedConsumer } from '../catalog/product-changed.consumer';
import { SettingsModule } from '../settings/settings.module';
import { OrderOutcomesConsumer } from '../outcomes/order-outcomes.consumer';
import { PaymentOutcomesConsumer } from '../outcomes/payment-outcomes.consumer';
import { ChannelOrderConsumer } from './channel-order.consumer';
import { CreateSubscriptionService } from './create-subscription.service';
import { SubscriptionLinesValidator } from './subscription-lines.validator';
import { SubscriptionQueriesService } from './subscription-queries.service';
import { SubscriptionsHttpController } from './subscriptions.http.controller';

@Module({
  imports: [SettingsModule],
  controllers: [SubscriptionsHttpController],
  providers: [CreateSubscriptionService, SubscriptionLinesValidator, SubscriptionQueriesService, ProductChangedConsumer, ChannelOrderConsumer, OrderOutcomesConsumer, PaymentOutcomesConsumer],
  exports: [CreateSubscriptionService, SubscriptionLinesValidator],
})
export class SubscriptionsModule {}
