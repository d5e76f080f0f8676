-- CreateTable
CREATE TABLE "setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "rental_check_in" (
    "subscription_id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "customer_email" TEXT,
    "start_date" TEXT NOT NULL,
    "time_zone" TEXT,
    "status" TEXT NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rental_check_in_pkey" PRIMARY KEY ("subscription_id")
);

-- CreateTable
CREATE TABLE "rental_delivery" (
    "shipment_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "subscription_id" TEXT,
    "status" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rental_delivery_pkey" PRIMARY KEY ("shipment_id")
);

-- CreateTable
CREATE TABLE "rental_status_reminder" (
    "rule_key" TEXT NOT NULL,
    "shipment_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rental_status_reminder_pkey" PRIMARY KEY ("rule_key","shipment_id")
);

-- CreateIndex
CREATE INDEX "rental_check_in_status_idx" ON "rental_check_in"("status");

-- CreateIndex
CREATE INDEX "rental_delivery_status_since_idx" ON "rental_delivery"("status", "since");

