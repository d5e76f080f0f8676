-- CreateEnum
CREATE TYPE "ProductType" AS ENUM ('goods', 'rental');

-- CreateEnum
CREATE TYPE "ProductStatus" AS ENUM ('active', 'retired');

-- CreateTable
CREATE TABLE "product" (
    "id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "type" "ProductType" NOT NULL,
    "subscribable" BOOLEAN NOT NULL,
    "allowed_frequencies" JSONB NOT NULL,
    "prices" JSONB NOT NULL,
    "status" "ProductStatus" NOT NULL DEFAULT 'active',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "product_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "product_sku_key" ON "product"("sku");

-- CreateIndex
CREATE INDEX "product_status_type_idx" ON "product"("status", "type");

