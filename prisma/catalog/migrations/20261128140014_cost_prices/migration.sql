-- AlterTable
ALTER TABLE "product" ADD COLUMN     "cost_prices" JSONB NOT NULL DEFAULT '[]';

