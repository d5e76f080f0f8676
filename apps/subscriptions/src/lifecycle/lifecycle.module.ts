import { Module } from '@nestjs/common';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { ChangeSubscriptionActions } from './change-subscription.action';
import { SubscriptionActionRunner } from './subscription-action.runner';
import { SubscriptionActionsHttpController } from './subscription-actions.http.controller';
import { SubscriptionLifecycleQueries } from './subscription-lifecycle.queries';

/** Changes to subscriptions on request: pause, resume, skip, reschedule, change, cancel, reactivate; history and upcoming orders. */
@Module({
  imports: [SubscriptionsModule],
  controllers: [SubscriptionActionsHttpController],
  providers: [SubscriptionActionRunner, ChangeSubscriptionActions, SubscriptionLifecycleQueries],
})
export class LifecycleModule {}
