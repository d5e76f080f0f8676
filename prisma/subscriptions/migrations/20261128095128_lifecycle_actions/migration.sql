-- DropIndex
DROP INDEX "subscription_status_next_due_at_id_idx";

-- AlterTable
ALTER TABLE "subscription" ADD COLUMN     "cancel_at_cycle" INTEGER,
ADD COLUMN     "paused_from" TIMESTAMPTZ(3),
ADD COLUMN     "resume_at" TIMESTAMPTZ(3),
ADD COLUMN     "ship_to" JSONB;

-- AlterTable
ALTER TABLE "schedule_segment" ADD COLUMN     "anchor_day_of_month" INTEGER;

-- AlterTable
ALTER TABLE "cycle_override" ADD COLUMN     "skipped_line_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "subscription_cycle" ADD COLUMN     "skipped_line_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "subscription_history" (
    "id" BIGSERIAL NOT NULL,
    "subscription_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "event_id" UUID NOT NULL,

    CONSTRAINT "subscription_history_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "subscription_history_subscription_id_id_idx" ON "subscription_history"("subscription_id", "id");

-- AddForeignKey
ALTER TABLE "subscription_history" ADD CONSTRAINT "subscription_history_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- Partial indexes Prisma cannot declare (kept out of the schema on purpose).
-- The job claims active and paused subscriptions (paused ones to record their cycles as skipped for the pause).
CREATE INDEX "subscription_claim_idx" ON "subscription"("next_due_at", "id") WHERE "status" IN ('active', 'paused');
-- Pauses that end by themselves, and scheduled pauses that start.
CREATE INDEX "subscription_resume_idx" ON "subscription"("resume_at") WHERE "status" = 'paused';
CREATE INDEX "subscription_pause_start_idx" ON "subscription"("paused_from") WHERE "status" = 'active' AND "paused_from" IS NOT NULL;
