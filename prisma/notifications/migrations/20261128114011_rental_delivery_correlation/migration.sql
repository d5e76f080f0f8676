-- AlterTable
ALTER TABLE "rental_delivery" ADD COLUMN     "correlation_id" TEXT;

