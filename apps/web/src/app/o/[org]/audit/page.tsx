import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { getViewer } from "@/server/viewer";
import { AuditLog } from "./audit-log";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const membership = (await getViewer())?.memberships.find((m) => m.slug === org);
  if (!membership) notFound();
  const admin = membership.role === "admin" || membership.role === "owner";
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, when and from where. Entries cannot be edited or deleted."
      />
      {admin ? (
        <AuditLog />
      ) : (
        <EmptyState icon={ScrollText} title="Admins read the audit log">
          <p>
            It records sign-ins with IP addresses, so it is visible to admins and owners only. Ask
            one of them if you need an entry.
          </p>
        </EmptyState>
      )}
    </>
  );
}
