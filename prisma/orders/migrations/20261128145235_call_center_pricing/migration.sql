-- AlterTable
ALTER TABLE "catalog_product" ADD COLUMN     "cost_prices" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "sales_order" ADD COLUMN     "agent_sub" TEXT,
ADD COLUMN     "handling_minor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "shipping_minor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "source_code" TEXT;

-- AlterTable
ALTER TABLE "order_line" ADD COLUMN     "discount_minor" BIGINT,
ADD COLUMN     "list_price_minor" BIGINT,
ADD COLUMN     "margin_alert" BOOLEAN,
ADD COLUMN     "unit_cost_minor" BIGINT;

-- CreateTable
CREATE TABLE "call_center_setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "call_center_setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "call_center_setting_change" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "call_center_setting_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "source_code" (
    "code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_to" TIMESTAMPTZ(3),
    "discount_basis_points" INTEGER,
    "free_shipping" BOOLEAN NOT NULL,
    "charges" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_sub" TEXT NOT NULL,
    "updated_by_role" TEXT NOT NULL,

    CONSTRAINT "source_code_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "order_price_override" (
    "id" BIGSERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "line_position" INTEGER,
    "charge_type" TEXT,
    "unit" TEXT NOT NULL,
    "old_value" DECIMAL(20,2) NOT NULL,
    "new_value" DECIMAL(20,2) NOT NULL,
    "reason_code" TEXT NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_price_override_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "call_center_setting_change_key_id_idx" ON "call_center_setting_change"("key", "id");

-- CreateIndex
CREATE INDEX "source_code_channel_code_idx" ON "source_code"("channel", "code");

-- CreateIndex
CREATE INDEX "order_price_override_order_id_id_idx" ON "order_price_override"("order_id", "id");

-- CreateIndex
CREATE INDEX "sales_order_source_code_created_at_idx" ON "sales_order"("source_code", "created_at");

-- AddForeignKey
ALTER TABLE "order_price_override" ADD CONSTRAINT "order_price_override_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "sales_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

