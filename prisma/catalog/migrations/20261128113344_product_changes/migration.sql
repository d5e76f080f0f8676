-- CreateTable
CREATE TABLE "product_change" (
    "id" BIGSERIAL NOT NULL,
    "product_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "event_id" UUID NOT NULL,

    CONSTRAINT "product_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "product_change_product_id_id_idx" ON "product_change"("product_id", "id");

-- AddForeignKey
ALTER TABLE "product_change" ADD CONSTRAINT "product_change_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE CASCADE ON UPDATE CASCADE;
