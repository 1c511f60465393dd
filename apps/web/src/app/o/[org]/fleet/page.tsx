import { Server } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Fleet" };

export default function FleetPage() {
  return (
    <>
      <PageHeader
        title="Fleet"
        description="Every enrolled server: online state, kernel, labels and the policy it runs."
      />
      <EmptyState icon={Server} title="No hosts enrolled yet">
        <p>
          Hosts join by running the Fleetdeck agent with an enrollment token. An admin creates the
          token under <strong className="text-fg">Settings → Enrollment tokens</strong>; the agent
          then reports its facts and heartbeats here.
        </p>
      </EmptyState>
    </>
  );
}
