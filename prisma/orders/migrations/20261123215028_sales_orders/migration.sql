-- Order numbers (SO-000001): Prisma does not model sequences, so this one is written by hand.
CREATE SEQUENCE "order_number_seq" START 1;

-- CreateTable
CREATE TABLE "catalog_product" (
    "product_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "prices" JSONB NOT NULL,
    "version" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "catalog_product_pkey" PRIMARY KEY ("product_id")
);

-- CreateTable
CREATE TABLE "sales_order" (
    "id" UUID NOT NULL,
    "order_number" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "customer_email" TEXT,
    "channel" TEXT NOT NULL,
    "source_ref" TEXT,
    "subscription_id" TEXT,
    "cycle_index" INTEGER,
    "cycle_key" TEXT,
    "status" TEXT NOT NULL,
    "status_before_hold" TEXT,
    "currency" TEXT NOT NULL,
    "total_minor" INTEGER NOT NULL,
    "out_of_stock_policy" TEXT NOT NULL,
    "hold_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sales_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_line" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "product_id" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price_minor" INTEGER,
    "line_total_minor" INTEGER,

    CONSTRAINT "order_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_status_history" (
    "id" BIGSERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_status_history_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sales_order_order_number_key" ON "sales_order"("order_number");

-- CreateIndex
CREATE UNIQUE INDEX "sales_order_cycle_key_key" ON "sales_order"("cycle_key");

-- CreateIndex
CREATE INDEX "sales_order_customer_id_created_at_idx" ON "sales_order"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "sales_order_subscription_id_created_at_idx" ON "sales_order"("subscription_id", "created_at");

-- CreateIndex
CREATE INDEX "sales_order_status_created_at_idx" ON "sales_order"("status", "created_at");

-- CreateIndex
CREATE INDEX "sales_order_created_at_idx" ON "sales_order"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "sales_order_channel_source_ref_key" ON "sales_order"("channel", "source_ref");

-- CreateIndex
CREATE UNIQUE INDEX "order_line_order_id_position_key" ON "order_line"("order_id", "position");

-- CreateIndex
CREATE INDEX "order_status_history_order_id_id_idx" ON "order_status_history"("order_id", "id");

-- AddForeignKey
ALTER TABLE "order_line" ADD CONSTRAINT "order_line_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "sales_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_status_history" ADD CONSTRAINT "order_status_history_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "sales_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

