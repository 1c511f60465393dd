import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getViewer } from "@/server/viewer";
import { PolicyEditor } from "./policy-editor";

export const metadata: Metadata = { title: "Policy" };

export default async function PolicyPage({
  params,
}: {
  params: Promise<{ org: string; policyId: string }>;
}) {
  const { org, policyId } = await params;
  const membership = (await getViewer())?.memberships.find((m) => m.slug === org);
  if (!membership || !/^[0-9a-f-]{36}$/.test(policyId)) notFound();
  return <PolicyEditor orgSlug={org} policyId={policyId} canEdit={membership.role !== "viewer"} />;
}
