-- AlterTable
ALTER TABLE "subscription_contact" ADD COLUMN     "cancel_at" TIMESTAMPTZ(3),
ADD COLUMN     "pause_from" TIMESTAMPTZ(3),
ADD COLUMN     "pause_until" TIMESTAMPTZ(3);

