-- AlterTable
ALTER TABLE "sales_order" ADD COLUMN     "rental_returns_closed" BOOLEAN;

-- AlterTable
ALTER TABLE "order_line" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'goods',
ADD COLUMN     "subscription_line_id" TEXT;

