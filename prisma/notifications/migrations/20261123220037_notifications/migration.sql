-- CreateTable
CREATE TABLE "message" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "customer_id" TEXT,
    "order_id" TEXT,
    "subscription_id" TEXT,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "body_html" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "provider_message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_contact" (
    "order_id" TEXT NOT NULL,
    "order_number" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "customer_email" TEXT,
    "subscription_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "order_contact_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "deferred_shipment" (
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "shipment" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deferred_shipment_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "subscription_contact" (
    "subscription_id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "customer_email" TEXT,
    "status" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscription_contact_pkey" PRIMARY KEY ("subscription_id")
);

-- CreateTable
CREATE TABLE "reminder" (
    "subscription_id" TEXT NOT NULL,
    "cycle_due_at" TIMESTAMPTZ(3) NOT NULL,
    "send_at" TIMESTAMPTZ(3) NOT NULL,
    "customer_id" TEXT NOT NULL,
    "customer_email" TEXT,
    "status" TEXT NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reminder_pkey" PRIMARY KEY ("subscription_id","cycle_due_at")
);

-- CreateIndex
CREATE INDEX "message_status_next_attempt_at_idx" ON "message"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "message_customer_id_created_at_idx" ON "message"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "message_order_id_idx" ON "message"("order_id");

-- CreateIndex
CREATE INDEX "message_subscription_id_idx" ON "message"("subscription_id");

-- CreateIndex
CREATE INDEX "message_created_at_idx" ON "message"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "message_event_id_template_recipient_key" ON "message"("event_id", "template", "recipient");

-- CreateIndex
CREATE INDEX "deferred_shipment_order_id_idx" ON "deferred_shipment"("order_id");

-- CreateIndex
CREATE INDEX "reminder_status_send_at_idx" ON "reminder"("status", "send_at");

