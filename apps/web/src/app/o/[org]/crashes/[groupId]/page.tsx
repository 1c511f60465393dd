import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getViewer } from "@/server/viewer";
import { CrashGroupView } from "./crash-group-view";

export const metadata: Metadata = { title: "Crash group" };

export default async function CrashGroupPage({
  params,
}: {
  params: Promise<{ org: string; groupId: string }>;
}) {
  const { org, groupId } = await params;
  const membership = (await getViewer())?.memberships.find((m) => m.slug === org);
  if (!membership || !/^[0-9a-f-]{36}$/.test(groupId)) notFound();
  return (
    <CrashGroupView orgSlug={org} groupId={groupId} canTriage={membership.role !== "viewer"} />
  );
}
