-- CreateTable
CREATE TABLE "warehouse" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "warehouse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock" (
    "warehouse_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "on_hand" INTEGER NOT NULL,
    "reserved" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_pkey" PRIMARY KEY ("warehouse_id","sku")
);

-- CreateTable
CREATE TABLE "stock_movement" (
    "id" BIGSERIAL NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "delta" INTEGER NOT NULL,
    "on_hand_after" INTEGER NOT NULL,
    "reason" TEXT,
    "reference" TEXT,
    "correlation_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_movement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reservation" (
    "id" UUID NOT NULL,
    "order_id" TEXT NOT NULL,
    "subscription_id" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reservation_line" (
    "reservation_id" UUID NOT NULL,
    "line_no" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "warehouse_id" UUID NOT NULL,

    CONSTRAINT "reservation_line_pkey" PRIMARY KEY ("reservation_id","line_no")
);

-- CreateTable
CREATE TABLE "release" (
    "id" UUID NOT NULL,
    "reservation_id" UUID NOT NULL,
    "order_id" TEXT NOT NULL,
    "warehouse_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "release_line" (
    "release_id" UUID NOT NULL,
    "line_no" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "release_line_pkey" PRIMARY KEY ("release_id","line_no")
);

-- CreateTable
CREATE TABLE "backorder" (
    "order_id" TEXT NOT NULL,
    "reservation_id" UUID NOT NULL,
    "subscription_id" TEXT,
    "status" TEXT NOT NULL,
    "correlation_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "position" BIGSERIAL NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "backorder_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "backorder_line" (
    "order_id" TEXT NOT NULL,
    "line_no" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "backorder_line_pkey" PRIMARY KEY ("order_id","line_no")
);

-- CreateTable
CREATE TABLE "shipment" (
    "id" UUID NOT NULL,
    "order_id" TEXT NOT NULL,
    "reservation_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "carrier" TEXT,
    "tracking_number" TEXT,
    "shipped_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shipment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "warehouse_code_key" ON "warehouse"("code");

-- CreateIndex
CREATE INDEX "stock_sku_idx" ON "stock"("sku");

-- CreateIndex
CREATE INDEX "stock_movement_warehouse_id_sku_id_idx" ON "stock_movement"("warehouse_id", "sku", "id");

-- CreateIndex
CREATE UNIQUE INDEX "reservation_order_id_key" ON "reservation"("order_id");

-- CreateIndex
CREATE INDEX "reservation_status_idx" ON "reservation"("status");

-- CreateIndex
CREATE UNIQUE INDEX "release_reservation_id_warehouse_id_key" ON "release"("reservation_id", "warehouse_id");

-- CreateIndex
CREATE UNIQUE INDEX "backorder_reservation_id_key" ON "backorder"("reservation_id");

-- CreateIndex
CREATE INDEX "backorder_status_created_at_position_idx" ON "backorder"("status", "created_at", "position");

-- CreateIndex
CREATE INDEX "backorder_line_sku_idx" ON "backorder_line"("sku");

-- CreateIndex
CREATE UNIQUE INDEX "shipment_reservation_id_key" ON "shipment"("reservation_id");

-- CreateIndex
CREATE INDEX "shipment_order_id_idx" ON "shipment"("order_id");

-- AddForeignKey
ALTER TABLE "stock" ADD CONSTRAINT "stock_warehouse_id_fkey" FOREIGN KEY ("warehouse_id") REFERENCES "warehouse"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reservation_line" ADD CONSTRAINT "reservation_line_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "release" ADD CONSTRAINT "release_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "release_line" ADD CONSTRAINT "release_line_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backorder_line" ADD CONSTRAINT "backorder_line_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "backorder"("order_id") ON DELETE CASCADE ON UPDATE CASCADE;



-- Stock can never go negative nor be reserved beyond what is on hand (Prisma cannot model CHECKs).
ALTER TABLE "stock" ADD CONSTRAINT "stock_on_hand_not_negative" CHECK ("on_hand" >= 0);
ALTER TABLE "stock" ADD CONSTRAINT "stock_reserved_not_negative" CHECK ("reserved" >= 0);
ALTER TABLE "stock" ADD CONSTRAINT "stock_reserved_within_on_hand" CHECK ("reserved" <= "on_hand");
ALTER TABLE "reservation_line" ADD CONSTRAINT "reservation_line_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "backorder_line" ADD CONSTRAINT "backorder_line_quantity_positive" CHECK ("quantity" > 0);
