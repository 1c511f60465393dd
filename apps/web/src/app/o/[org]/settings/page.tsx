import { Settings } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your organization, its members and enrollment tokens."
      />
      <EmptyState icon={Settings} title="Organization settings">
        <p>
          Members, roles and invitations, and the enrollment tokens agents use to join, are managed
          here.
        </p>
      </EmptyState>
    </>
  );
}
