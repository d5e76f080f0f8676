-- AlterTable
ALTER TABLE "subscription" ADD COLUMN     "created_by" TEXT;

-- CreateIndex
CREATE INDEX "subscription_created_by_idx" ON "subscription"("created_by");

