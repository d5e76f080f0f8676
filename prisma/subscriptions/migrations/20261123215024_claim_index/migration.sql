-- DropIndex
DROP INDEX "subscription_status_next_due_at_idx";

-- CreateIndex
CREATE INDEX "subscription_status_next_due_at_id_idx" ON "subscription"("status", "next_due_at", "id");

