-- AlterTable
ALTER TABLE "subscription_cycle" ADD COLUMN     "late_outcome" TEXT;

