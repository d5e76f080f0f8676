import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { OneQueryAtATimeClient } from './one-query-at-a-time.client';

/** The part of a generated PrismaClient the lifecycle needs. */
interface PrismaClientLike {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T>;
}

interface ClientOptions {
  adapter: PrismaPg;
  transactionOptions: { maxWait: number; timeout: number };
}

/**
 * Prisma's defaults (2 s to get a connection, 5 s per interactive transaction)
 * turn a briefly overloaded machine into 500s for short writes; these limits
 * still end a stuck transaction but ride out a busy CPU.
 */
const TRANSACTION_DEFAULTS = { maxWait: 10000, timeout: 30000 };

/** What the mixin adds to the client. */
export interface PrismaLifecycle extends OnModuleInit, OnApplicationShutdown {
  readonly databaseUrl: string;
}

/**
 * Turns a service's generated PrismaClient into a Nest provider that connects
 * through the pg driver adapter (no native engine), fails start-up with a
 * message naming the database when it cannot connect, and disconnects last on
 * shutdown. Each service has its own client class, hence a mixin.
 */
export function PrismaServiceFor<TClient extends PrismaClientLike>(
  Client: new (options: ClientOptions) => TClient,
): new (config: ConfigService) => TClient & PrismaLifecycle {
  // Generated clients declare a generic constructor, which TypeScript cannot
  // extend in a mixin; the cast keeps the public type exact.
  const Base = Client as unknown as new (options: ClientOptions) => PrismaClientLike;

  @Injectable()
  class PrismaService extends Base implements PrismaLifecycle {
    readonly databaseUrl: string;

    constructor(@Inject(ConfigService) config: ConfigService) {
      const url = config.getOrThrow<string>('DATABASE_URL');
      const timeoutMs = config.getOrThrow<number>('STARTUP_TIMEOUT_MS');
      super({
        // A transaction's connection gets Prisma's concurrent child queries one after another (see OneQueryAtATimeClient).
        adapter: new PrismaPg({ connectionString: url, connectionTimeoutMillis: timeoutMs, max: 20, Client: OneQueryAtATimeClient }),
        transactionOptions: TRANSACTION_DEFAULTS,
      });
      this.databaseUrl = url;
    }

    async onModuleInit(): Promise<void> {
      try {
        await this.$connect();
        await this.$queryRaw`SELECT 1`;
      } catch (error) {
        throw new Error(`PostgreSQL unreachable at ${redact(this.databaseUrl)}: ${describe(error)}`);
      }
    }

    async onApplicationShutdown(): Promise<void> {
      await this.$disconnect();
      new Logger('Prisma').log('database connection closed');
    }
  }
  return PrismaService as unknown as new (config: ConfigService) => TClient & PrismaLifecycle;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().split('\n').pop() || (error as { code?: string })?.code || 'connection failed';
}
