import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { KafkaModuleOptions } from './kafka-module-options.interface';

/**
 * `forRoot` / `forRootAsync` come from Nest's builder. The module is global
 * by default: one connection per process, injectable from every feature module.
 */
export const {
  ConfigurableModuleClass: ConfigurableKafkaModule,
  MODULE_OPTIONS_TOKEN: KAFKA_MODULE_OPTIONS,
  OPTIONS_TYPE: KAFKA_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: KAFKA_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<KafkaModuleOptions>({ moduleName: 'Kafka' })
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
