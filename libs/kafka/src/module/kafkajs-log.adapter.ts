import { Logger } from '@nestjs/common';
import { logLevel, type logCreator } from 'kafkajs';

/**
 * Routes kafkajs' own logs through Nest's Logger, so they share the service's
 * format (and correlation-aware JSON logger when one is installed).
 * Only warnings and errors: kafkajs' info level narrates every rebalance.
 */
export const nestLogCreator: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ namespace, level, log }) => {
    const { message, ...extra } = log;
    const text = `${namespace}: ${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) logger.error(text);
    else if (level === logLevel.WARN) logger.warn(text);
    else logger.debug(text);
  };
};

/** Level passed with {@link nestLogCreator}. */
export const KAFKAJS_LOG_LEVEL = logLevel.WARN;
