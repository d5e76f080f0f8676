-- CreateTable
CREATE TABLE "setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "catalog_product" (
    "product_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "subscribable" BOOLEAN NOT NULL,
    "allowed_frequencies" JSONB NOT NULL,
    "prices" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "catalog_product_pkey" PRIMARY KEY ("product_id")
);

-- CreateTable
CREATE TABLE "subscription" (
    "id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "external_ref" TEXT,
    "status" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "start_date" TEXT NOT NULL,
    "end_date" TIMESTAMPTZ(3),
    "max_cycles" INTEGER,
    "catch_up_policy" TEXT NOT NULL,
    "current_cycle" INTEGER NOT NULL DEFAULT 0,
    "last_ordered_at" TIMESTAMPTZ(3),
    "last_handled_cycle" INTEGER NOT NULL DEFAULT -1,
    "next_due_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscription_line" (
    "id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "subscription_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schedule_segment" (
    "subscription_id" UUID NOT NULL,
    "first_cycle_index" INTEGER NOT NULL,
    "effective_from" TIMESTAMPTZ(3) NOT NULL,
    "unit" TEXT NOT NULL,
    "interval" INTEGER NOT NULL,
    "anchor_date" TEXT NOT NULL,
    "anchor_time" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,

    CONSTRAINT "schedule_segment_pkey" PRIMARY KEY ("subscription_id","first_cycle_index")
);

-- CreateTable
CREATE TABLE "cycle_override" (
    "subscription_id" UUID NOT NULL,
    "cycle_index" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cycle_override_pkey" PRIMARY KEY ("subscription_id","cycle_index")
);

-- CreateTable
CREATE TABLE "subscription_cycle" (
    "subscription_id" UUID NOT NULL,
    "cycle_index" INTEGER NOT NULL,
    "cycle_key" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "skip_reason" TEXT,
    "run_id" UUID,
    "event_id" UUID,
    "order_id" TEXT,
    "ordered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscription_cycle_pkey" PRIMARY KEY ("subscription_id","cycle_index")
);

-- CreateTable
CREATE TABLE "job_run" (
    "id" UUID NOT NULL,
    "job" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "rerun_of" UUID,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "scanned" INTEGER NOT NULL DEFAULT 0,
    "due" INTEGER NOT NULL DEFAULT 0,
    "emitted" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,

    CONSTRAINT "job_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_run_record" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "cycle_index" INTEGER,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,

    CONSTRAINT "job_run_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "subscription_status_next_due_at_idx" ON "subscription"("status", "next_due_at");

-- CreateIndex
CREATE INDEX "subscription_customer_id_idx" ON "subscription"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "subscription_channel_external_ref_key" ON "subscription"("channel", "external_ref");

-- CreateIndex
CREATE INDEX "subscription_line_subscription_id_idx" ON "subscription_line"("subscription_id");

-- CreateIndex
CREATE UNIQUE INDEX "subscription_cycle_cycle_key_key" ON "subscription_cycle"("cycle_key");

-- CreateIndex
CREATE INDEX "job_run_job_started_at_idx" ON "job_run"("job", "started_at");

-- CreateIndex
CREATE INDEX "job_run_record_run_id_id_idx" ON "job_run_record"("run_id", "id");

-- AddForeignKey
ALTER TABLE "subscription_line" ADD CONSTRAINT "subscription_line_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule_segment" ADD CONSTRAINT "schedule_segment_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cycle_override" ADD CONSTRAINT "cycle_override_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscription_cycle" ADD CONSTRAINT "subscription_cycle_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_run_record" ADD CONSTRAINT "job_run_record_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "job_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

