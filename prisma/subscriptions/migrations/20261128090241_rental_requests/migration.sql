-- AlterTable
ALTER TABLE "subscription" ADD COLUMN     "assumed_return_date" TEXT,
ADD COLUMN     "end_requested_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "rental_availability" (
    "sku" TEXT NOT NULL,
    "available" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rental_availability_pkey" PRIMARY KEY ("sku")
);

