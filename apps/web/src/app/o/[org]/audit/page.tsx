import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, when and from where. Entries cannot be edited or deleted."
      />
      <EmptyState icon={ScrollText} title="Nothing recorded yet">
        <p>
          Sign-ins, invitations, role changes, policy edits and rollout decisions appear here as
          they happen.
        </p>
      </EmptyState>
    </>
  );
}
