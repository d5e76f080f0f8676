import { BaseEnvironment } from '@oms/service-runtime';

/** The catalog service's variables: the shared ones, plus its own as features add them. */
export class CatalogEnvironment extends BaseEnvironment {}
