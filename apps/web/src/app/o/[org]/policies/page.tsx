import { SlidersHorizontal } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Policies" };

export default function PoliciesPage() {
  return (
    <>
      <PageHeader
        title="Policies"
        description="Traffic-control configurations: shaping, scheduling, policing and dropping."
      />
      <EmptyState icon={SlidersHorizontal} title="No policies yet">
        <p>
          A policy is a typed tc configuration (HTB classes, fq_codel, cake, netem, ingress
          policing, filters). Fleetdeck validates it, shows the exact
          <code className="mx-1 rounded bg-surface-2 px-1 font-mono text-xs">tc</code>
          commands it becomes, and keeps every revision. Start from a preset such as “shape egress
          to 100 Mbit/s”.
        </p>
      </EmptyState>
    </>
  );
}
