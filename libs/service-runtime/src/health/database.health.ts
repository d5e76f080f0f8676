import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { OUTBOX_DATABASE, type SqlClient } from '@oms/outbox';

/** Ready only when the service's own database answers a trivial query. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    @Inject(OUTBOX_DATABASE) private readonly database: SqlClient,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'database') {
    const indicator = this.health.check(key);
    try {
      await this.database.$queryRaw`SELECT 1`;
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
