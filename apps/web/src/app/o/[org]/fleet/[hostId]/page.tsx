import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getViewer } from "@/server/viewer";
import { HostView } from "./host-view";

export const metadata: Metadata = { title: "Host" };

export default async function HostPage({
  params,
}: {
  params: Promise<{ org: string; hostId: string }>;
}) {
  const { org, hostId } = await params;
  const membership = (await getViewer())?.memberships.find((m) => m.slug === org);
  if (!membership || !/^[0-9a-f-]{36}$/.test(hostId)) notFound();
  return <HostView orgSlug={org} hostId={hostId} role={membership.role} />;
}
