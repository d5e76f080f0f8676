import type { INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME } from '@oms/auth';
import { Logger } from 'nestjs-pino';
import { DatabaseBusyFilter } from '../http/database-busy.filter';
import { BodylessRouteInterceptor } from '../http/bodyless-route.interceptor';
import { fieldValidationPipe } from '../http/field-validation.pipe';
import { bodyParserErrors, jsonBodyParser, requireJsonBody } from '../http/request-body.middleware';

/**
 * Applies what every service shares to an app instance: JSON logger, request
 * intake (JSON bodies only, parse failures as JSON errors), validation,
 * OpenAPI at /docs (JSON at /docs-json, bearer scheme declared) and shutdown hooks. Tests call it too,
 * so they exercise the same HTTP behaviour as production. Must run before
 * init(): these middlewares then come before Nest's own body parsers.
 */
export function configureApp(app: INestApplication, serviceName: string): INestApplication {
  app.useLogger(app.get(Logger));
  app.use(requireJsonBody, jsonBodyParser(), bodyParserErrors);
  app.useGlobalPipes(fieldValidationPipe());
  app.useGlobalFilters(new DatabaseBusyFilter(app.get(HttpAdapterHost).httpAdapter));
  app.useGlobalInterceptors(new BodylessRouteInterceptor());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`${serviceName} service`)
      .setVersion('1')
      .setDescription('Every operation but /health/* takes a bearer JWT; `x-roles` lists the roles allowed to call it (admin always may).')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
