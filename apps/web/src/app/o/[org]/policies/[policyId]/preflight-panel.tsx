"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2, XCircle } from "lucide-react";
import Link from "next/link";
import { OnlineDot } from "@/components/fleet/online-dot";
import { useTRPC } from "@/lib/trpc/react";

/** Which hosts could take this revision, from their facts; failing hosts say why. */
export function PreflightPanel({
  revisionId,
  revisionNumber,
  orgSlug,
}: {
  revisionId: string;
  revisionNumber: number;
  orgSlug: string;
  canApply: boolean;
}) {
  const trpc = useTRPC();
  const verdicts = useQuery(trpc.policies.preflight.queryOptions({ revisionId }));
  const failing = verdicts.data?.filter((v) => !v.ok).length ?? 0;
  return (
    <section aria-labelledby="preflight" className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 id="preflight" className="text-base font-semibold text-fg">
          Pre-flight of revision {revisionNumber}
        </h2>
        {verdicts.data ? (
          <span className="text-sm text-muted">
            {verdicts.data.length - failing} of {verdicts.data.length} hosts could apply it
            {failing ? `; ${failing} would fail` : ""}
          </span>
        ) : null}
      </div>
      {verdicts.data?.length === 0 ? (
        <p className="text-sm text-muted">No hosts enrolled yet.</p>
      ) : null}
      <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
        {verdicts.data?.map((v) => (
          <li key={v.hostId} className="flex flex-wrap items-start gap-3 px-4 py-2.5 text-sm">
            {v.ok ? (
              <CheckCircle2 className="mt-0.5 size-4 text-ok" aria-label="passes" />
            ) : (
              <XCircle className="mt-0.5 size-4 text-danger" aria-label="fails" />
            )}
            <span className="flex items-center gap-2">
              <OnlineDot online={v.online} />
              <Link
                href={`/o/${orgSlug}/fleet/${v.hostId}`}
                className="font-medium text-fg hover:underline"
              >
                {v.name}
              </Link>
              <span className="font-mono text-xs text-muted">{v.kernelRelease ?? ""}</span>
            </span>
            <span className="min-w-0 flex-1 space-y-0.5">
              {v.problems.map((p) => (
                <span key={p} className="block text-danger">
                  {p}
                </span>
              ))}
              {v.warnings.map((w) => (
                <span key={w} className="flex items-center gap-1 text-warn">
                  <AlertTriangle className="size-3.5" /> {w}
                </span>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
