-- AlterTable
ALTER TABLE "subscription" ADD COLUMN     "customer_email" TEXT,
ADD COLUMN     "out_of_stock_policy" TEXT NOT NULL DEFAULT 'backorder';

-- AlterTable
ALTER TABLE "subscription_cycle" ADD COLUMN     "stock_outcome" TEXT;

