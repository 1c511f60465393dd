import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { RolloutWizard } from "./rollout-wizard";

export const metadata: Metadata = { title: "New rollout" };

export default async function NewRolloutPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <>
      <PageHeader
        title="New rollout"
        description="Pick a revision and the hosts; see exactly who gets it, wave by wave, before you start."
      />
      <RolloutWizard orgSlug={org} />
    </>
  );
}
