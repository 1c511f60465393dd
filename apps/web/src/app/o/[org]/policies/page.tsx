import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { getViewer } from "@/server/viewer";
import { PoliciesList } from "./policies-list";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const membership = (await getViewer())?.memberships.find((m) => m.slug === org);
  if (!membership) notFound();
  return (
    <>
      <PageHeader
        title="Policies"
        description="Traffic-control configurations: shaping, scheduling, policing and dropping."
      />
      <PoliciesList orgSlug={org} canEdit={membership.role !== "viewer"} />
    </>
  );
}
