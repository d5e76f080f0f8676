-- AlterTable
ALTER TABLE "sales_order" ADD COLUMN     "cancel_code" TEXT,
ADD COLUMN     "delivery_mode" TEXT NOT NULL DEFAULT 'standard',
ADD COLUMN     "late_noticed_at" TIMESTAMPTZ(3),
ADD COLUMN     "promised_ship_by" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "delivery_mode" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "promised_ship_hours" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "delivery_mode_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "delivery_mode_change" (
    "id" BIGSERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "delivery_mode_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "order_setting_change" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_setting_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "delivery_mode_change_code_id_idx" ON "delivery_mode_change"("code", "id");

-- CreateIndex
CREATE INDEX "order_setting_change_key_id_idx" ON "order_setting_change"("key", "id");

-- CreateIndex
CREATE INDEX "sales_order_promised_ship_by_id_idx" ON "sales_order"("promised_ship_by", "id");


-- Seed: every order has a delivery mode, standard by default (promised to ship within 48 hours), express within 24.
INSERT INTO "delivery_mode" ("code", "name", "promised_ship_hours", "active", "created_at", "updated_at") VALUES
  ('standard', 'Standard (ships within 48 hours)', 48, true, now(), now()),
  ('express', 'Express (ships within 24 hours)', 24, true, now(), now());
INSERT INTO "delivery_mode_change" ("code", "after", "actor_sub", "actor_role", "at")
  SELECT "code", jsonb_build_object('name', "name", 'promisedShipHours', "promised_ship_hours", 'active', "active"), 'system:orders', 'system', now()
  FROM "delivery_mode";
