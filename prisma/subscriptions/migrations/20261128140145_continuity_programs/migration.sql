-- AlterTable
ALTER TABLE "subscription" ADD COLUMN     "program_id" UUID,
ADD COLUMN     "program_steps_ordered" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "program_terms" JSONB;

-- CreateTable
CREATE TABLE "continuity_program" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "interval" INTEGER NOT NULL,
    "after_last" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "steps" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "continuity_program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "continuity_program_change" (
    "id" BIGSERIAL NOT NULL,
    "program_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,

    CONSTRAINT "continuity_program_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "continuity_program_change_program_id_id_idx" ON "continuity_program_change"("program_id", "id");

-- CreateIndex
CREATE INDEX "subscription_program_id_idx" ON "subscription"("program_id");

-- AddForeignKey
ALTER TABLE "continuity_program_change" ADD CONSTRAINT "continuity_program_change_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "continuity_program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

