import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, type Role } from '@oms/auth';
import type { ServiceName } from '@oms/local-infra';
import { PUBLIC, type RoleTable } from './expected-roles';

const START = '<!-- roles-table:start (generated from test/e2e/support/role-matrix/expected-roles.ts) -->';
const END = '<!-- roles-table:end -->';
export const README = join(__dirname, '../../../../README.md');

/**
 * The README's routes × roles table, rendered from the role matrix's
 * expectation table so the documentation says what the test proves.
 * `own`: the role reaches the route but sees only its own records.
 */
export function renderRolesTable(table: Record<ServiceName, RoleTable>, undocumented: RoleTable): string {
  const header = ['| service | route | ' + ROLES.join(' | ') + ' |', '|---|---|' + ROLES.map(() => '---|').join('')];
  const rows = Object.entries(table).flatMap(([service, routes]) =>
    Object.entries(routes)
      .filter((entry): entry is [string, readonly Role[]] => entry[1] !== PUBLIC)
      .map(([route, roles]) => `| ${service} | \`${route}\` | ${ROLES.map((role) => cell(service as ServiceName, route, role, roles)).join(' | ')} |`),
  );
  const hidden = Object.entries(undocumented).map(([route, roles]) =>
    `| every service | \`${route}\` (only with \`CLOCK_CONTROL=true\`) | ${ROLES.map((role) => (roles !== PUBLIC && roles.includes(role) ? '✓' : '')).join(' | ')} |`);
  return [...header, ...rows, ...hidden].join('\n');
}

function cell(service: ServiceName, route: string, role: Role, roles: readonly Role[]): string {
  if (!roles.includes(role)) return '';
  return scoped(service, route, role) ? 'own' : '✓';
}

/**
 * Where a role sees only its own records: a customer everywhere but the catalog, the continuity programs and tax rates (nobody's
 * records; a customer enrols only themselves); a channel on the subscriptions and orders it created.
 */
function scoped(service: ServiceName, route: string, role: Role): boolean {
  if (/^\w+ \/continuity-programs(\/\{id\})?(\/changes)?$/.test(route)) return false;
  if (/^\w+ \/(tax-rates(\/\{id\})?|settings\/tax)$/.test(route)) return false;
  if (role === 'customer') return service !== 'catalog';
  if (role === 'channel') return (service === 'subscriptions' || service === 'orders') && !/^POST \/(subscriptions|orders|continuity-programs\/\{id\}\/enrolments)$/.test(route);
  return false;
}

/** The generated section of the README as it is now (empty when the markers are missing). */
export function readmeRolesTable(): string {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  return start < 0 || end < start ? '' : text.slice(start + START.length, end).trim();
}

/** Rewrites the generated section (run the role-matrix test with OMS_WRITE_ROLES_TABLE=1). */
export function writeReadmeRolesTable(rendered: string): void {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section to write the table into`);
  writeFileSync(README, `${text.slice(0, start + START.length)}\n${rendered}\n${text.slice(end)}`);
}
