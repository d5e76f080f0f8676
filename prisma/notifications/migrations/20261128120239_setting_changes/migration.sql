-- CreateTable
CREATE TABLE "notification_setting_change" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "actor_sub" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_setting_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notification_setting_change_key_id_idx" ON "notification_setting_change"("key", "id");
