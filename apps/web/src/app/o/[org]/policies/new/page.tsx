import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { NewPolicy } from "./new-policy";

export const metadata: Metadata = { title: "New policy" };

export default async function NewPolicyPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <>
      <PageHeader
        title="New policy"
        description="Start from a preset; you can change everything in the editor afterwards."
      />
      <NewPolicy orgSlug={org} />
    </>
  );
}
