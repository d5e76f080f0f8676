import { BaseEnvironment } from '@oms/service-runtime';

/** The orders service's variables: the shared ones, plus its own as features add them. */
export class OrdersEnvironment extends BaseEnvironment {}
