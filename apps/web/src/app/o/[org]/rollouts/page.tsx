import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { getViewer } from "@/server/viewer";
import { RolloutsList } from "./rollouts-list";

export const metadata: Metadata = { title: "Rollouts" };

export default async function RolloutsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const membership = (await getViewer())?.memberships.find((m) => m.slug === org);
  if (!membership) notFound();
  return (
    <>
      <PageHeader
        title="Rollouts"
        description="Policy revisions sent to hosts in waves, with bake times and failure budgets."
      />
      <RolloutsList orgSlug={org} canStart={membership.role !== "viewer"} />
    </>
  );
}
