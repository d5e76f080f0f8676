import { BaseEnvironment } from '@oms/service-runtime';

/** The notifications service's variables: the shared ones, plus its own as features add them. */
export class NotificationsEnvironment extends BaseEnvironment {}
