-- CreateTable
CREATE TABLE "payment_method" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "customer_id" TEXT NOT NULL,
    "provider_token" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "expiry_month" INTEGER NOT NULL,
    "expiry_year" INTEGER NOT NULL,
    "created_by_sub" TEXT NOT NULL,
    "created_by_role" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "payment_method_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "payment_method_id" UUID,
    "provider_reference" TEXT,
    "failure_code" TEXT,
    "failure_message" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "reason" TEXT,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payment_setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "payment_setting_change" (
    "id" BIGSERIAL NOT NULL,
    "value" JSONB NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payment_setting_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dunning_case" (
    "order_id" UUID NOT NULL,
    "subscription_id" TEXT NOT NULL,
    "cycle_index" INTEGER NOT NULL,
    "cycle_key" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "retry_days" JSONB NOT NULL,
    "final_action" TEXT NOT NULL,
    "first_failed_at" TIMESTAMPTZ(3) NOT NULL,
    "failed_attempts" INTEGER NOT NULL,
    "next_attempt_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dunning_case_pkey" PRIMARY KEY ("order_id")
);

-- CreateIndex
CREATE INDEX "payment_method_customer_id_seq_idx" ON "payment_method"("customer_id", "seq");

-- CreateIndex
CREATE INDEX "payment_order_id_seq_idx" ON "payment"("order_id", "seq");

-- CreateIndex
CREATE INDEX "payment_setting_change_at_idx" ON "payment_setting_change"("at");

-- CreateIndex
CREATE UNIQUE INDEX "dunning_case_cycle_key_key" ON "dunning_case"("cycle_key");

-- CreateIndex
CREATE INDEX "dunning_case_status_next_attempt_at_idx" ON "dunning_case"("status", "next_attempt_at");

