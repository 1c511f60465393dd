-- CreateEnum
CREATE TYPE "CrashGroupStatus" AS ENUM ('new', 'triaged', 'fixed', 'ignored', 'regressed');

-- CreateTable
CREATE TABLE "crash_group" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "signature" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "function" TEXT,
    "module" TEXT,
    "why" TEXT NOT NULL,
    "status" "CrashGroupStatus" NOT NULL DEFAULT 'new',
    "assignee_id" UUID,
    "fixed_in" TEXT,
    "merged_into_id" UUID,
    "crash_count" INTEGER NOT NULL DEFAULT 0,
    "host_count" INTEGER NOT NULL DEFAULT 0,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "crash_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crash" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "host_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "boot_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "collected_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "content_hash" TEXT NOT NULL,
    "raw_blob" TEXT,
    "raw_bytes" INTEGER NOT NULL,
    "report_index" INTEGER NOT NULL DEFAULT 0,
    "parsed" JSONB NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "function" TEXT,
    "module" TEXT,
    "kernel" TEXT,
    "signature_exact" TEXT NOT NULL,
    "corrupted" BOOLEAN NOT NULL DEFAULT false,
    "policy_revision_id" UUID,
    "vmcore_blob" TEXT,
    "vmcore_bytes" BIGINT,

    CONSTRAINT "crash_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crash_group_rule" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "exact_signature" TEXT NOT NULL,
    "target_group_id" UUID NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "crash_group_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crash_comment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "group_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "crash_comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "upload" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "host_id" UUID NOT NULL,
    "crash_id" UUID,
    "purpose" TEXT NOT NULL,
    "length" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "received" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "blob" TEXT,

    CONSTRAINT "upload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "crash_group_organization_id_last_seen_at_idx" ON "crash_group"("organization_id", "last_seen_at" DESC);

-- CreateIndex
CREATE INDEX "crash_group_organization_id_status_idx" ON "crash_group"("organization_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "crash_group_organization_id_signature_key" ON "crash_group"("organization_id", "signature");

-- CreateIndex
CREATE INDEX "crash_group_id_collected_at_idx" ON "crash"("group_id", "collected_at" DESC);

-- CreateIndex
CREATE INDEX "crash_organization_id_received_at_idx" ON "crash"("organization_id", "received_at" DESC);

-- CreateIndex
CREATE INDEX "crash_host_id_received_at_idx" ON "crash"("host_id", "received_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "crash_host_id_boot_id_source_content_hash_report_index_key" ON "crash"("host_id", "boot_id", "source", "content_hash", "report_index");

-- CreateIndex
CREATE UNIQUE INDEX "crash_group_rule_organization_id_exact_signature_key" ON "crash_group_rule"("organization_id", "exact_signature");

-- CreateIndex
CREATE INDEX "crash_comment_group_id_created_at_idx" ON "crash_comment"("group_id", "created_at");

-- CreateIndex
CREATE INDEX "upload_host_id_created_at_idx" ON "upload"("host_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "crash_group" ADD CONSTRAINT "crash_group_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crash_group" ADD CONSTRAINT "crash_group_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "crash_group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crash" ADD CONSTRAINT "crash_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crash" ADD CONSTRAINT "crash_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crash" ADD CONSTRAINT "crash_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "crash_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crash" ADD CONSTRAINT "crash_policy_revision_id_fkey" FOREIGN KEY ("policy_revision_id") REFERENCES "policy_revision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crash_comment" ADD CONSTRAINT "crash_comment_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "crash_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;
