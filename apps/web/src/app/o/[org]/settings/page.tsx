import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { getViewer } from "@/server/viewer";
import { SettingsTabs } from "./settings-tabs";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const viewer = await getViewer();
  const membership = viewer?.memberships.find((m) => m.slug === org);
  if (!viewer || !membership) notFound();
  return (
    <>
      <PageHeader
        title="Settings"
        description={`${membership.name}: members, roles and invitations.`}
      />
      <SettingsTabs role={membership.role} selfId={viewer.user.id} />
    </>
  );
}
