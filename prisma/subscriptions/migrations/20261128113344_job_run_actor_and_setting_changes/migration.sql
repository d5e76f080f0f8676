-- AlterTable: runs logged before actors were recorded say so instead of naming someone.
ALTER TABLE "job_run" ADD COLUMN     "actor_sub" TEXT NOT NULL DEFAULT 'unrecorded',
ADD COLUMN     "actor_role" TEXT NOT NULL DEFAULT 'unrecorded';
ALTER TABLE "job_run" ALTER COLUMN "actor_sub" DROP DEFAULT,
ALTER COLUMN "actor_role" DROP DEFAULT;

-- CreateTable
CREATE TABLE "setting_change" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "setting_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "setting_change_key_id_idx" ON "setting_change"("key", "id");
