-- CreateTable
CREATE TABLE "pending_authorization" (
    "order_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "time_zone" TEXT,
    "final_action" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "sweep_after" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pending_authorization_pkey" PRIMARY KEY ("order_id")
);

-- CreateIndex
CREATE INDEX "pending_authorization_sweep_after_idx" ON "pending_authorization"("sweep_after");

-- AddForeignKey
ALTER TABLE "pending_authorization" ADD CONSTRAINT "pending_authorization_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "sales_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

