-- AlterTable
ALTER TABLE "reservation" ADD COLUMN     "customer_id" TEXT;

-- AlterTable
ALTER TABLE "backorder" ADD COLUMN     "customer_id" TEXT;

-- AlterTable
ALTER TABLE "shipment" ADD COLUMN     "customer_id" TEXT;

-- CreateIndex
CREATE INDEX "shipment_customer_id_created_at_idx" ON "shipment"("customer_id", "created_at");

