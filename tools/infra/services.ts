/** The five services, their HTTP ports and database names: one source for the tooling and the compose check. */
export const SERVICES = [
  { name: 'catalog', port: 3001 },
  { name: 'subscriptions', port: 3002 },
  { name: 'orders', port: 3003 },
  { name: 'fulfillment', port: 3004 },
  { name: 'notifications', port: 3005 },
] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];

/** Every Prisma schema folder under prisma/: the services plus the messaging proof used by tests. */
export const PRISMA_SCHEMAS: readonly string[] = [...SERVICES.map((s) => s.name), 'messaging-proof'];

/** Env var holding one service's database URL, e.g. CATALOG_DATABASE_URL. */
export function databaseUrlVariable(schema: string): string {
  return `${schema.replace(/-/g, '_').toUpperCase()}_DATABASE_URL`;
}

/** Database name used for a schema on a shared server. */
export function databaseName(schema: string): string {
  return schema.replace(/-/g, '_');
}
