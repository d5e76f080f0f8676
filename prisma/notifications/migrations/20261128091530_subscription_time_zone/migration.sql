-- AlterTable
ALTER TABLE "subscription_contact" ADD COLUMN     "time_zone" TEXT;

