-- CreateTable
CREATE TABLE "order_hold" (
    "hold_id" UUID NOT NULL,
    "order_id" TEXT NOT NULL,
    "order_number" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "placed_by_sub" TEXT NOT NULL,
    "placed_by_role" TEXT NOT NULL,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "cleared_by_sub" TEXT,
    "cleared_by_role" TEXT,
    "cleared_at" TIMESTAMPTZ(3),
    "seq" BIGSERIAL NOT NULL,

    CONSTRAINT "order_hold_pkey" PRIMARY KEY ("hold_id")
);

-- CreateIndex
CREATE INDEX "order_hold_order_id_idx" ON "order_hold"("order_id");

