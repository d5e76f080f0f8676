-- AlterTable
ALTER TABLE "catalog_product" ADD COLUMN     "tax_code" TEXT NOT NULL DEFAULT 'standard';

