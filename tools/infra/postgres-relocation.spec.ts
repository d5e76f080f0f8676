import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresLayout, RELOCATION_ROOT, walkableByOthers } from './postgres-relocation';

describe('where embedded PostgreSQL lives', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'pg-layout-')); // mkdtemp makes it 0700, like a home folder
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('sees a 0700 folder anywhere above as a wall for other users, even for paths not made yet', () => {
    const open = join(base, 'open');
    mkdirSync(open, { mode: 0o755 });
    expect(walkableByOthers(join(open, 'not', 'yet'))).toBe(false);
    expect(walkableByOthers('/')).toBe(true);
    expect(walkableByOthers(tmpdir())).toBe(true);
  });

  it('keeps binaries and data in place unless root runs from a folder the postgres user cannot walk', () => {
    const walled = join(base, 'clone', '.local', 'test', 'postgres');
    expect(postgresLayout(walled, join(base, 'clone/node_modules/native'), '18.4.0', false)).toEqual({ databaseDir: join(walled, 'pgdata') });
    const moved = postgresLayout(walled, join(base, 'clone/node_modules/native'), '18.4.0', true);
    expect(moved.nativeDir).toBe(join(RELOCATION_ROOT, '18.4.0', 'native'));
    expect(moved.databaseDir).toMatch(new RegExp(`^${RELOCATION_ROOT}/data/[0-9a-f]{16}/pgdata$`));
    expect(postgresLayout(join(base, 'other'), join(base, 'n'), '18.4.0', true).databaseDir).not.toBe(moved.databaseDir); // one per state folder
    expect(postgresLayout('/var/tmp/x', '/var/tmp/n', '18.4.0', true)).toEqual({ databaseDir: '/var/tmp/x/pgdata' });
  });
});
