import { Bug } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Crashes" };

export default function CrashesPage() {
  return (
    <>
      <PageHeader
        title="Crashes"
        description="Kernel crash reports from your hosts, grouped by signature."
      />
      <EmptyState icon={Bug} title="No crashes collected">
        <p>
          Agents pick up kdump’s{" "}
          <code className="rounded bg-surface-2 px-1 font-mono text-xs">vmcore-dmesg.txt</code>,
          pstore records and the previous boot’s kernel log, and send each oops here. Duplicates
          fold into one group you can assign, comment on and mark fixed. Nothing has crashed yet —
          or no agent is enrolled.
        </p>
      </EmptyState>
    </>
  );
}
