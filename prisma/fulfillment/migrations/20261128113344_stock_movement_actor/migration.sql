-- AlterTable: rows written before actors were recorded say so instead of naming someone.
ALTER TABLE "stock_movement" ADD COLUMN     "actor_sub" TEXT NOT NULL DEFAULT 'unrecorded',
ADD COLUMN     "actor_role" TEXT NOT NULL DEFAULT 'unrecorded';
ALTER TABLE "stock_movement" ALTER COLUMN "actor_sub" DROP DEFAULT,
ALTER COLUMN "actor_role" DROP DEFAULT;
