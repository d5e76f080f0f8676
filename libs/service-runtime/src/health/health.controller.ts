import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@oms/auth';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { KafkaHealthIndicator } from '@oms/kafka';
import { DatabaseHealthIndicator } from './database.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  /** The process is up and serving HTTP; checks nothing else on purpose. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Ready to take traffic: its database and the Kafka broker answer. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.check('database'), () => this.kafka.isHealthy('kafka')]);
  }
}
