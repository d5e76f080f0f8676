-- Promised ship times and late-order thresholds in minutes instead of hours (a short demo mode becomes possible)
ALTER TABLE "delivery_mode" RENAME COLUMN "promised_ship_hours" TO "promised_ship_minutes";
UPDATE "delivery_mode" SET "promised_ship_minutes" = "promised_ship_minutes" * 60;

-- Late-order settings stored with hour fields: the same thresholds in minutes
UPDATE "order_setting" SET "value" = jsonb_build_object(
  'defaults', jsonb_build_object(
    'noticeAfterMinutes', ("value"->'defaults'->>'noticeAfterHours')::int * 60,
    'cancelAfterMinutes', ("value"->'defaults'->>'cancelAfterHours')::int * 60),
  'rules', COALESCE((
    SELECT jsonb_agg((r - 'noticeAfterHours' - 'cancelAfterHours') || jsonb_build_object(
      'noticeAfterMinutes', (r->>'noticeAfterHours')::int * 60, 'cancelAfterMinutes', (r->>'cancelAfterHours')::int * 60))
    FROM jsonb_array_elements(COALESCE("value"->'rules', '[]'::jsonb)) AS r), '[]'::jsonb))
WHERE "key" = 'late-orders' AND "value"->'defaults' ? 'noticeAfterHours';
