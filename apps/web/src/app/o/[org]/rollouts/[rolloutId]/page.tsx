import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getViewer } from "@/server/viewer";
import { RolloutView } from "./rollout-view";

export const metadata: Metadata = { title: "Rollout" };

export default async function RolloutPage({
  params,
}: {
  params: Promise<{ org: string; rolloutId: string }>;
}) {
  const { org, rolloutId } = await params;
  const membership = (await getViewer())?.memberships.find((m) => m.slug === org);
  if (!membership || !/^[0-9a-f-]{36}$/.test(rolloutId)) notFound();
  return (
    <RolloutView orgSlug={org} rolloutId={rolloutId} canOperate={membership.role !== "viewer"} />
  );
}
