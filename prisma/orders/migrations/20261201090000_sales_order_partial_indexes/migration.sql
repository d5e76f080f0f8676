-- Index only the orders that have a creator, a source code or an upstream reference. A subscription cycle's
-- order (most orders) has none of them, and each of these indexes took an entry for it all the same: NULL is
-- indexed. Queries filter these columns by equality, which implies IS NOT NULL, so they still use them.
-- The unique (channel, source_ref) never held two NULL source_refs apart, so it refuses the same rows as before.

DROP INDEX "sales_order_created_by_created_at_idx";
CREATE INDEX "sales_order_created_by_created_at_idx" ON "sales_order"("created_by", "created_at") WHERE "created_by" IS NOT NULL;

DROP INDEX "sales_order_source_code_created_at_idx";
CREATE INDEX "sales_order_source_code_created_at_idx" ON "sales_order"("source_code", "created_at") WHERE "source_code" IS NOT NULL;

DROP INDEX "sales_order_channel_source_ref_key";
CREATE UNIQUE INDEX "sales_order_channel_source_ref_key" ON "sales_order"("channel", "source_ref") WHERE "source_ref" IS NOT NULL;
