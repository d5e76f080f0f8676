-- AlterTable
ALTER TABLE "subscription" ADD COLUMN     "customer_name" TEXT;

