import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { configureApp } from './configure-app';

export interface RunServiceOptions {
  serviceName: string;
  appModule: Type<unknown>;
}

/**
 * Starts one service: builds the app (which connects to its database and
 * Kafka, failing fast if either is unreachable), then listens on PORT.
 * Any start-up failure prints one clear line and exits with status 1
 * instead of hanging or dumping a stack trace.
 */
export function runService(options: RunServiceOptions): void {
  start(options).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${options.serviceName} failed to start: ${message}\n`);
    process.exit(1);
  });
}

async function start({ serviceName, appModule }: RunServiceOptions): Promise<void> {
  const app = await NestFactory.create(appModule, { bufferLogs: true, abortOnError: false });
  configureApp(app, serviceName);
  const port = app.get(ConfigService).getOrThrow<number>('PORT');
  await app.listen(port, '0.0.0.0');
  process.stdout.write(
    `${JSON.stringify({ level: 30, time: Date.now(), service: serviceName, message: `listening on port ${port}` })}\n`,
  );
}
