import { Rocket } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Rollouts" };

export default function RolloutsPage() {
  return (
    <>
      <PageHeader
        title="Rollouts"
        description="Policy revisions sent to hosts in waves, with bake times and failure budgets."
      />
      <EmptyState icon={Rocket} title="No rollouts yet">
        <p>
          A rollout sends a policy revision to a canary, then to waves of hosts. A failed apply, a
          host that stops reporting or a new kernel crash during a wave’s bake time stops it and
          rolls the touched hosts back. Create a policy first, then start a rollout from its page.
        </p>
      </EmptyState>
    </>
  );
}
