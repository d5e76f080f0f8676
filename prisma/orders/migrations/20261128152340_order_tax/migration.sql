-- AlterTable
ALTER TABLE "sales_order" ADD COLUMN     "discount_minor" BIGINT,
ADD COLUMN     "prices_include_tax" BOOLEAN,
ADD COLUMN     "subtotal_minor" BIGINT,
ADD COLUMN     "tax_minor" BIGINT,
ADD COLUMN     "tax_status" TEXT;

-- AlterTable
ALTER TABLE "order_line" ADD COLUMN     "tax_code" TEXT,
ADD COLUMN     "tax_minor" BIGINT,
ADD COLUMN     "tax_rate_ppm" INTEGER;

