import { BaseEnvironment } from '@oms/service-runtime';

/** The fulfillment service's variables: the shared ones, plus its own as features add them. */
export class FulfillmentEnvironment extends BaseEnvironment {}
