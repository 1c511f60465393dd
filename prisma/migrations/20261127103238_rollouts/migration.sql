-- CreateEnum
CREATE TYPE "RolloutState" AS ENUM ('draft', 'running', 'paused', 'awaiting_approval', 'completed', 'aborted', 'rolling_back', 'rolled_back');

-- CreateEnum
CREATE TYPE "WaveState" AS ENUM ('pending', 'baking', 'passed', 'failed');

-- CreateEnum
CREATE TYPE "RolloutHostState" AS ENUM ('queued', 'applying', 'verified', 'failed', 'offline', 'crashed', 'excluded', 'rolling_back', 'rolled_back', 'rollback_failed');

-- AlterTable
ALTER TABLE "organization" ADD COLUMN     "webhook_secret" TEXT,
ADD COLUMN     "webhook_url" TEXT;

-- CreateTable
CREATE TABLE "rollout" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "revision_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "target" JSONB NOT NULL,
    "strategy" JSONB NOT NULL,
    "state" "RolloutState" NOT NULL DEFAULT 'draft',
    "current_wave" INTEGER NOT NULL DEFAULT 0,
    "abort_reason" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "lease_owner" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "rollout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rollout_wave" (
    "rollout_id" UUID NOT NULL,
    "index" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "state" "WaveState" NOT NULL DEFAULT 'pending',
    "dispatched_at" TIMESTAMPTZ(3),
    "deadline_at" TIMESTAMPTZ(3),
    "bake_until" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "approved_at" TIMESTAMPTZ(3),
    "approved_by_id" UUID,

    CONSTRAINT "rollout_wave_pkey" PRIMARY KEY ("rollout_id","index")
);

-- CreateTable
CREATE TABLE "rollout_host" (
    "rollout_id" UUID NOT NULL,
    "host_id" UUID NOT NULL,
    "wave" INTEGER NOT NULL,
    "state" "RolloutHostState" NOT NULL DEFAULT 'queued',
    "reason" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "command_id" UUID,
    "rollback_command_id" UUID,
    "previous_revision_id" UUID,
    "boot_id_at_apply" TEXT,
    "crash_group_id" UUID,
    "dispatched_at" TIMESTAMPTZ(3),
    "verified_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "rollout_host_pkey" PRIMARY KEY ("rollout_id","host_id")
);

-- CreateTable
CREATE TABLE "rollout_event" (
    "id" BIGSERIAL NOT NULL,
    "rollout_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "rollout_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rollout_organization_id_created_at_idx" ON "rollout"("organization_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "rollout_state_lease_expires_at_idx" ON "rollout"("state", "lease_expires_at");

-- CreateIndex
CREATE INDEX "rollout_host_rollout_id_wave_state_idx" ON "rollout_host"("rollout_id", "wave", "state");

-- CreateIndex
CREATE INDEX "rollout_host_host_id_idx" ON "rollout_host"("host_id");

-- CreateIndex
CREATE INDEX "rollout_event_rollout_id_at_idx" ON "rollout_event"("rollout_id", "at");

-- AddForeignKey
ALTER TABLE "rollout" ADD CONSTRAINT "rollout_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollout" ADD CONSTRAINT "rollout_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "policy_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollout_wave" ADD CONSTRAINT "rollout_wave_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollout_host" ADD CONSTRAINT "rollout_host_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollout_host" ADD CONSTRAINT "rollout_host_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollout_event" ADD CONSTRAINT "rollout_event_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollout"("id") ON DELETE CASCADE ON UPDATE CASCADE;
