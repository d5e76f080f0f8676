-- AlterTable: warehouses created before actors were recorded say so instead of naming someone.
ALTER TABLE "warehouse" ADD COLUMN     "created_by_sub" TEXT NOT NULL DEFAULT 'unrecorded',
ADD COLUMN     "created_by_role" TEXT NOT NULL DEFAULT 'unrecorded';
ALTER TABLE "warehouse" ALTER COLUMN "created_by_sub" DROP DEFAULT,
ALTER COLUMN "created_by_role" DROP DEFAULT;

-- CreateTable
CREATE TABLE "rental_unit_change" (
    "id" BIGSERIAL NOT NULL,
    "unit_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "hold_id" UUID,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rental_unit_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rental_unit_change_unit_id_id_idx" ON "rental_unit_change"("unit_id", "id");
