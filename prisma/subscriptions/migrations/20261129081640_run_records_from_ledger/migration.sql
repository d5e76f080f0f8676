-- CreateIndex
CREATE INDEX "subscription_cycle_run_id_idx" ON "subscription_cycle"("run_id");

-- A run's cycles are listed from the ledger from now on (its run_id, status and skip_reason are what each
-- cycle's job_run_record repeated, written by the same statement): drop those copies, keep the failures.
DELETE FROM "job_run_record" WHERE "outcome" IN ('emitted', 'skipped');
