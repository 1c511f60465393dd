-- AlterTable
ALTER TABLE "organization" ADD COLUMN     "collect_vmcores" BOOLEAN NOT NULL DEFAULT false;
