-- AlterTable
ALTER TABLE "subscription" ADD COLUMN     "dunning_final_action" TEXT;

-- AlterTable
ALTER TABLE "subscription_cycle" ADD COLUMN     "dunning_outcome" TEXT,
ADD COLUMN     "payment_failed_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "payment_outcome" TEXT;

