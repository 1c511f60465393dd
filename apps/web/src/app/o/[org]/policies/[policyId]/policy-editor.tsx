"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/lib/trpc/react";
import { PreflightPanel } from "./preflight-panel";
import { RevisionHistory } from "./revision-history";
import { SpecEditor } from "./spec-editor";

export function PolicyEditor({
  orgSlug,
  policyId,
  canEdit,
}: {
  orgSlug: string;
  policyId: string;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const policy = useQuery(trpc.policies.get.queryOptions({ policyId }));
  const latest = policy.data?.revisions[0];
  const revision = useQuery({
    ...trpc.policies.revision.queryOptions({ revisionId: latest?.id ?? "" }),
    enabled: Boolean(latest),
  });
  if (policy.error) return <p className="text-danger">{policy.error.message}</p>;
  if (!policy.data || !revision.data || !latest) return <p className="text-muted">Loading…</p>;
  return (
    <div className="space-y-8">
      <div>
        <Link href={`/o/${orgSlug}/policies`} className="text-sm text-muted hover:text-fg">
          ← Policies
        </Link>
        <h1 className="mt-2 text-xl font-semibold tracking-tight text-fg">{policy.data.name}</h1>
        <p className="mt-1 text-sm text-muted">
          Revision {latest.number} by {latest.author} · {latest.message || "no message"}
          {policy.data.description ? ` · ${policy.data.description}` : ""}
        </p>
      </div>
      <SpecEditor
        key={revision.data.id}
        policyId={policyId}
        latest={revision.data}
        canEdit={canEdit}
      />
      <PreflightPanel
        revisionId={latest.id}
        revisionNumber={latest.number}
        orgSlug={orgSlug}
        canApply={canEdit}
      />
      <RevisionHistory revisions={policy.data.revisions} />
    </div>
  );
}
