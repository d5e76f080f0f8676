import type { ConfigService } from '@nestjs/config';
import type { SqlClient } from '@oms/outbox';
import type { PrismaService } from '../database/prisma.service';
import { NotificationSettingsService } from './notification-settings.service';

/** A SQL client whose settings row is `stored.value`, counting the reads. */
function fakeClient(stored: { value: object }) {
  const client = {
    reads: 0,
    $queryRaw: async (query: TemplateStringsArray) => {
      expect(query.join('?')).toMatch(/FROM setting WHERE key = \?/);
      client.reads += 1;
      return [{ value: { ...stored.value }, updatedAt: new Date('2026-03-01T08:00:00Z') }];
    },
  };
  return client;
}

describe('NotificationSettingsService', () => {
  const config = { get: () => undefined } as unknown as ConfigService;
  const asTx = (client: object) => client as unknown as SqlClient;

  it('reads the settings once per transaction, and a change committed since is seen by the next transaction', async () => {
    const stored = { value: { storeManagerEmail: 'store@oms.local' } };
    const batch = fakeClient(stored);
    const service = new NotificationSettingsService(fakeClient(stored) as unknown as PrismaService, config);
    expect((await service.get(asTx(batch))).storeManagerEmail).toBe('store@oms.local');
    stored.value = { storeManagerEmail: 'manager@shop.example' };
    expect((await service.get(asTx(batch))).storeManagerEmail).toBe('store@oms.local'); // the batch's own reading
    expect(batch.reads).toBe(1);
    const nextBatch = fakeClient(stored);
    expect((await service.get(asTx(nextBatch))).storeManagerEmail).toBe('manager@shop.example');
    expect((await service.get()).storeManagerEmail).toBe('manager@shop.example'); // outside a transaction: read every time
  });

  it('keeps no failed read: the next event of the transaction reads again', async () => {
    const batch = fakeClient({ value: {} });
    const read = batch.$queryRaw;
    batch.$queryRaw = async () => { throw new Error('statement failed'); };
    const service = new NotificationSettingsService({} as PrismaService, config);
    await expect(service.get(asTx(batch))).rejects.toThrow('statement failed');
    batch.$queryRaw = read;
    expect((await service.get(asTx(batch))).checkInDay).toBe(10);
  });

  it('falls back to the defaults when no settings row exists', async () => {
    const service = new NotificationSettingsService({ $queryRaw: async () => [] } as unknown as PrismaService, config);
    expect(await service.get()).toMatchObject({ storeManagerEmail: null, checkInDay: 10, updatedAt: null });
  });
});
