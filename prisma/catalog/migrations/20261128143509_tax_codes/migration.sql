-- AlterTable
ALTER TABLE "product" ADD COLUMN     "tax_code" TEXT NOT NULL DEFAULT 'standard';

