-- AlterTable
ALTER TABLE "sales_order" ADD COLUMN     "ship_to" JSONB;

