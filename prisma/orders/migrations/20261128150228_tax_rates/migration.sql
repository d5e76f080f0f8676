-- CreateTable
CREATE TABLE "tax_rate" (
    "id" UUID NOT NULL,
    "tax_code" TEXT NOT NULL,
    "country_code" TEXT NOT NULL,
    "region_code" TEXT,
    "rate_ppm" INTEGER NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tax_rate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tax_rate_change" (
    "id" BIGSERIAL NOT NULL,
    "rate_id" UUID NOT NULL,
    "before" JSONB,
    "after" JSONB NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tax_rate_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "tax_rate_country_code_tax_code_valid_from_idx" ON "tax_rate"("country_code", "tax_code", "valid_from");

-- CreateIndex
CREATE INDEX "tax_rate_change_rate_id_id_idx" ON "tax_rate_change"("rate_id", "id");

