import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { getViewer } from "@/server/viewer";
import { SettingsTabs } from "./settings-tabs";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const { org } = await params;
  const { tab } = await searchParams;
  const viewer = await getViewer();
  const membership = viewer?.memberships.find((m) => m.slug === org);
  if (!viewer || !membership) notFound();
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          membership.role === "admin" || membership.role === "owner"
            ? `${membership.name}: members, invitations, enrollment tokens and the rollout webhook.`
            : `${membership.name}: who is a member, and with which role.`
        }
      />
      <SettingsTabs role={membership.role} selfId={viewer.user.id} orgSlug={org} initialTab={tab} />
    </>
  );
}
