import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { getViewer } from "@/server/viewer";
import { FleetTable } from "./fleet-table";

export const metadata: Metadata = { title: "Fleet" };

export default async function FleetPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const membership = (await getViewer())?.memberships.find((m) => m.slug === org);
  if (!membership) notFound();
  return (
    <>
      <PageHeader
        title="Fleet"
        description="Every enrolled server: online state, kernel, labels and agent."
      />
      <FleetTable
        orgSlug={org}
        canEnroll={membership.role === "admin" || membership.role === "owner"}
      />
    </>
  );
}
