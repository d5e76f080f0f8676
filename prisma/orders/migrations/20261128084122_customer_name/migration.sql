-- AlterTable
ALTER TABLE "sales_order" ADD COLUMN     "customer_name" TEXT;

