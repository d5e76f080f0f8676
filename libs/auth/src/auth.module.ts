import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConfigurableAuthModule } from './auth.module-definition';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token.verifier';

/**
 * Bearer-token authentication for every route of the importing app
 * (AuthModule.forRoot / forRootAsync with AuthOptions). Registers AuthGuard
 * globally; routes opt out with @Public and say who may call them with @Roles.
 */
@Module({
  providers: [TokenVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenVerifier],
})
export class AuthModule extends ConfigurableAuthModule {}
