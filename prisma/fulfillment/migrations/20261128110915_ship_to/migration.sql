-- AlterTable
ALTER TABLE "reservation" ADD COLUMN     "ship_to" JSONB;

-- AlterTable
ALTER TABLE "release" ADD COLUMN     "ship_to" JSONB;

-- AlterTable
ALTER TABLE "backorder" ADD COLUMN     "ship_to" JSONB;

-- AlterTable
ALTER TABLE "shipment" ADD COLUMN     "ship_to" JSONB;

