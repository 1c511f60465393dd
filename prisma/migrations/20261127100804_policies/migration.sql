-- AlterTable
ALTER TABLE "host" ADD COLUMN     "applied_at" TIMESTAMPTZ(3),
ADD COLUMN     "applied_hash" TEXT,
ADD COLUMN     "applied_revision_id" UUID,
ADD COLUMN     "desired_revision_id" UUID,
ADD COLUMN     "drift_details" JSONB,
ADD COLUMN     "drift_detected_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "policy" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archived_at" TIMESTAMPTZ(3),

    CONSTRAINT "policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_revision" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "policy_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "spec" JSONB NOT NULL,
    "source" TEXT NOT NULL DEFAULT '',
    "hash" TEXT NOT NULL,
    "compiled_batch" TEXT NOT NULL,
    "features" JSONB NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_revision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "policy_organization_id_name_key" ON "policy"("organization_id", "name");

-- CreateIndex
CREATE INDEX "policy_revision_organization_id_hash_idx" ON "policy_revision"("organization_id", "hash");

-- CreateIndex
CREATE UNIQUE INDEX "policy_revision_policy_id_number_key" ON "policy_revision"("policy_id", "number");

-- AddForeignKey
ALTER TABLE "host" ADD CONSTRAINT "host_desired_revision_id_fkey" FOREIGN KEY ("desired_revision_id") REFERENCES "policy_revision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "host" ADD CONSTRAINT "host_applied_revision_id_fkey" FOREIGN KEY ("applied_revision_id") REFERENCES "policy_revision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy" ADD CONSTRAINT "policy_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "policy_revision" ADD CONSTRAINT "policy_revision_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "policy"("id") ON DELETE CASCADE ON UPDATE CASCADE;
