-- AlterTable
ALTER TABLE "sales_order" ADD COLUMN     "bill_to" JSONB,
ADD COLUMN     "customer_phone" TEXT,
ADD COLUMN     "search_phone" TEXT,
ADD COLUMN     "search_postcode" TEXT;

-- CreateTable
CREATE TABLE "order_hold" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "placed_by_sub" TEXT NOT NULL,
    "placed_by_role" TEXT NOT NULL,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "cleared_at" TIMESTAMPTZ(3),
    "cleared_by_sub" TEXT,
    "cleared_by_role" TEXT,
    "clear_reason" TEXT,

    CONSTRAINT "order_hold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fraud_evaluation" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "held" BOOLEAN NOT NULL,
    "fired_rules" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "fraud_evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fraud_rule_setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "fraud_rule_setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "fraud_rule_setting_change" (
    "id" BIGSERIAL NOT NULL,
    "value" JSONB NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "fraud_rule_setting_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "order_hold_order_id_placed_at_idx" ON "order_hold"("order_id", "placed_at");

-- CreateIndex
CREATE INDEX "order_hold_type_cleared_at_idx" ON "order_hold"("type", "cleared_at");

-- CreateIndex
CREATE INDEX "fraud_evaluation_order_id_at_idx" ON "fraud_evaluation"("order_id", "at");

-- CreateIndex
CREATE INDEX "fraud_rule_setting_change_at_idx" ON "fraud_rule_setting_change"("at");

-- AddForeignKey
ALTER TABLE "order_hold" ADD CONSTRAINT "order_hold_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "sales_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fraud_evaluation" ADD CONSTRAINT "fraud_evaluation_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "sales_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: every order on hold today gets one open hold row (pricing when a line has no price, else manual),
-- placed by the actor of its latest move to on-hold, and the search columns from the stored address.
INSERT INTO "order_hold" ("id", "order_id", "type", "code", "reason", "placed_by_sub", "placed_by_role", "placed_at")
SELECT gen_random_uuid(), o."id",
       CASE WHEN EXISTS (SELECT 1 FROM "order_line" l WHERE l."order_id" = o."id" AND l."unit_price_minor" IS NULL) THEN 'pricing' ELSE 'manual' END,
       CASE WHEN EXISTS (SELECT 1 FROM "order_line" l WHERE l."order_id" = o."id" AND l."unit_price_minor" IS NULL) THEN 'price-missing' ELSE 'manual' END,
       COALESCE(o."hold_reason", 'on hold'),
       COALESCE(h."actor_sub", 'system:orders'), COALESCE(h."actor_role", 'system'), COALESCE(h."at", o."updated_at")
FROM "sales_order" o
LEFT JOIN LATERAL (
  SELECT s."actor_sub", s."actor_role", s."at" FROM "order_status_history" s
  WHERE s."order_id" = o."id" AND s."to_status" = 'on-hold' AND s."from_status" IS DISTINCT FROM 'on-hold'
  ORDER BY s."id" DESC LIMIT 1
) h ON TRUE
WHERE o."status" = 'on-hold';

UPDATE "sales_order" SET
  "search_postcode" = NULLIF(upper(regexp_replace("ship_to"->>'postcode', '\s', '', 'g')), ''),
  "search_phone" = NULLIF(regexp_replace("ship_to"->>'phone', '[^0-9]', '', 'g'), '')
WHERE "ship_to" IS NOT NULL;
