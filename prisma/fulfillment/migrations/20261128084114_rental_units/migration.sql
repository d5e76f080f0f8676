-- AlterTable
ALTER TABLE "shipment" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'parcel',
ADD COLUMN     "subscription_id" TEXT,
ALTER COLUMN "shipped_at" DROP NOT NULL;

-- CreateTable
CREATE TABLE "shipment_status_change" (
    "id" BIGSERIAL NOT NULL,
    "shipment_id" UUID NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shipment_status_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rental_unit" (
    "id" UUID NOT NULL,
    "serial" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "state" TEXT NOT NULL,
    "unavailable_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rental_unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rental_hold" (
    "id" UUID NOT NULL,
    "order_id" TEXT NOT NULL,
    "order_line_id" TEXT NOT NULL,
    "subscription_id" TEXT,
    "line_id" TEXT,
    "product_id" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "unit_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "rental_hold_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "shipment_status_change_shipment_id_id_idx" ON "shipment_status_change"("shipment_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "rental_unit_serial_key" ON "rental_unit"("serial");

-- CreateIndex
CREATE INDEX "rental_unit_sku_state_idx" ON "rental_unit"("sku", "state");

-- CreateIndex
CREATE INDEX "rental_hold_order_id_idx" ON "rental_hold"("order_id");

-- CreateIndex
CREATE INDEX "rental_hold_subscription_id_line_id_idx" ON "rental_hold"("subscription_id", "line_id");

-- CreateIndex
CREATE INDEX "rental_hold_unit_id_idx" ON "rental_hold"("unit_id");


-- One active long-term reservation per unit (not expressible in the Prisma schema).
CREATE UNIQUE INDEX "rental_hold_active_unit_key" ON "rental_hold"("unit_id") WHERE "status" = 'active';

-- Unit states are the rental states, and units stay in a known warehouse.
ALTER TABLE "rental_unit" ADD CONSTRAINT "rental_unit_state_check"
  CHECK ("state" IN ('available', 'reserved', 'with-customer', 'returning', 'returned', 'checking', 'unavailable'));
ALTER TABLE "rental_unit" ADD CONSTRAINT "rental_unit_warehouse_id_fkey" FOREIGN KEY ("warehouse_id") REFERENCES "warehouse"("id");
