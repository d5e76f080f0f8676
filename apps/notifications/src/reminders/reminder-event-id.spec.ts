import { reminderEventId } from './reminder-event-id';

describe('reminderEventId', () => {
  const due = new Date('2026-04-01T06:00:00Z');

  it('is a version 5 uuid, the same for the same subscription and cycle', () => {
    const id = reminderEventId('sub-1', due);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(reminderEventId('sub-1', new Date(due.getTime()))).toBe(id);
  });

  it('differs per subscription and per cycle', () => {
    const ids = new Set([reminderEventId('sub-1', due), reminderEventId('sub-2', due), reminderEventId('sub-1', new Date('2026-05-01T06:00:00Z'))]);
    expect(ids.size).toBe(3);
  });
});
