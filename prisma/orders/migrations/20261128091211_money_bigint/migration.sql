-- AlterTable
ALTER TABLE "sales_order" ALTER COLUMN "total_minor" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "order_line" ALTER COLUMN "unit_price_minor" SET DATA TYPE BIGINT,
ALTER COLUMN "line_total_minor" SET DATA TYPE BIGINT;

