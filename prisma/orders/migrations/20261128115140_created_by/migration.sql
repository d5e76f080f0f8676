-- AlterTable
ALTER TABLE "sales_order" ADD COLUMN     "created_by" TEXT;

-- CreateIndex
CREATE INDEX "sales_order_created_by_created_at_idx" ON "sales_order"("created_by", "created_at");

