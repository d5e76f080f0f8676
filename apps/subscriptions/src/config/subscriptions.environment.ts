import { BaseEnvironment } from '@oms/service-runtime';

/** The subscriptions service's variables: the shared ones, plus its own as features add them. */
export class SubscriptionsEnvironment extends BaseEnvironment {}
