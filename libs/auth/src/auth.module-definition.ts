import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { AuthOptions } from './auth-options';

export const {
  ConfigurableModuleClass: ConfigurableAuthModule,
  MODULE_OPTIONS_TOKEN: AUTH_OPTIONS,
} = new ConfigurableModuleBuilder<AuthOptions>({ moduleName: 'Auth' }).setClassMethodName('forRoot').build();
