import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { getViewer } from "@/server/viewer";
import { CrashInbox } from "./crash-inbox";

export const metadata: Metadata = { title: "Crashes" };

export default async function CrashesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const membership = (await getViewer())?.memberships.find((m) => m.slug === org);
  if (!membership) notFound();
  return (
    <>
      <PageHeader
        title="Crashes"
        description="Kernel crash reports from your hosts, grouped by signature."
      />
      <CrashInbox orgSlug={org} canTriage={membership.role !== "viewer"} />
    </>
  );
}
