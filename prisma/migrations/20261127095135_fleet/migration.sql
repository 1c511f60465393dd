-- CreateEnum
CREATE TYPE "HostStatus" AS ENUM ('online', 'offline');

-- CreateEnum
CREATE TYPE "CommandState" AS ENUM ('queued', 'delivered', 'running', 'succeeded', 'failed', 'expired', 'cancelled', 'unknown');

-- CreateTable
CREATE TABLE "enrollment_token" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "max_uses" INTEGER,
    "uses" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "enrollment_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "host" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "public_key" TEXT NOT NULL,
    "machine_id" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "enrollment_token_id" UUID,
    "possible_clone_of_id" UUID,
    "enrolled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "last_seen_at" TIMESTAMPTZ(3),
    "online" BOOLEAN NOT NULL DEFAULT false,
    "last_boot_id" TEXT,
    "last_seq" INTEGER,
    "agent_version" TEXT,
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "facts_hash" TEXT,
    "facts" JSONB,
    "facts_updated_at" TIMESTAMPTZ(3),
    "kernel_release" TEXT,
    "os_name" TEXT,

    CONSTRAINT "host_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "host_status_event" (
    "id" BIGSERIAL NOT NULL,
    "host_id" UUID NOT NULL,
    "status" "HostStatus" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "host_status_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "command" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "host_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "args" JSONB NOT NULL DEFAULT '{}',
    "idempotency_key" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "state" "CommandState" NOT NULL DEFAULT 'queued',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "exit_code" INTEGER,
    "output" JSONB,
    "stderr" TEXT,
    "error" TEXT,
    "rejection" TEXT,
    "dry_run" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "command_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "enrollment_token_token_hash_key" ON "enrollment_token"("token_hash");

-- CreateIndex
CREATE INDEX "enrollment_token_organization_id_created_at_idx" ON "enrollment_token"("organization_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "host_public_key_key" ON "host"("public_key");

-- CreateIndex
CREATE INDEX "host_organization_id_name_idx" ON "host"("organization_id", "name");

-- CreateIndex
CREATE INDEX "host_organization_id_machine_id_idx" ON "host"("organization_id", "machine_id");

-- CreateIndex
CREATE INDEX "host_organization_id_last_seen_at_idx" ON "host"("organization_id", "last_seen_at");

-- CreateIndex
CREATE INDEX "host_organization_id_kernel_release_idx" ON "host"("organization_id", "kernel_release");

-- CreateIndex
CREATE INDEX "host_labels_idx" ON "host" USING GIN ("labels" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "host_online_last_seen_at_idx" ON "host"("online", "last_seen_at");

-- CreateIndex
CREATE INDEX "host_status_event_host_id_at_idx" ON "host_status_event"("host_id", "at" DESC);

-- CreateIndex
CREATE INDEX "command_host_id_created_at_idx" ON "command"("host_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "command_state_expires_at_idx" ON "command"("state", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "command_host_id_idempotency_key_key" ON "command"("host_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "enrollment_token" ADD CONSTRAINT "enrollment_token_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "host" ADD CONSTRAINT "host_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "host" ADD CONSTRAINT "host_enrollment_token_id_fkey" FOREIGN KEY ("enrollment_token_id") REFERENCES "enrollment_token"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "host" ADD CONSTRAINT "host_possible_clone_of_id_fkey" FOREIGN KEY ("possible_clone_of_id") REFERENCES "host"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "host_status_event" ADD CONSTRAINT "host_status_event_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "command" ADD CONSTRAINT "command_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "command" ADD CONSTRAINT "command_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Nonces of signed agent requests, kept for the clock-skew window so a replayed request
-- is refused on any server instance. UNLOGGED: losing them in a crash costs nothing
-- (every timestamp in them is outside the window by the time PostgreSQL is back).
CREATE UNLOGGED TABLE "agent_nonce" (
    "nonce" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agent_nonce_pkey" PRIMARY KEY ("nonce")
);
CREATE INDEX "agent_nonce_expires_at_idx" ON "agent_nonce"("expires_at");
