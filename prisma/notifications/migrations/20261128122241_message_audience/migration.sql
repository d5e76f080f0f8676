-- AlterTable
ALTER TABLE "message" ADD COLUMN     "audience" TEXT NOT NULL DEFAULT 'customer';


-- The rental order notice only ever goes to the store manager. Other rows written before this column count as
-- messages for the customer: an earlier out-of-stock copy to the store manager cannot be told apart from theirs.
UPDATE "message" SET "audience" = 'store-manager' WHERE "template" = 'rental-order-notice';
