"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { formatDateTime } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";
import { VmcoreCell, type VmcoreStatus } from "./vmcore-cell";

interface CrashRow {
  id: string;
  collectedAt: Date;
  source: string;
  kernel: string | null;
  corrupted: boolean;
  rawBlob: string | null;
  vmcoreBlob: string | null;
  vmcoreBytes: bigint | null;
  signatureExact: string;
  host: { id: string; name: string };
}

export function CrashList({
  orgSlug,
  crashes,
  canTriage,
  vmcore,
}: {
  orgSlug: string;
  crashes: CrashRow[];
  canTriage: boolean;
  vmcore: Record<string, VmcoreStatus>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const split = useMutation(
    trpc.crashes.split.mutationOptions({
      onSuccess: () => {
        toast({
          tone: "success",
          title: "Moved into a group of its own",
          description: "Later crashes with the same exact signature go there too.",
        });
        return queryClient.invalidateQueries();
      },
    }),
  );
  return (
    <section className="space-y-2" aria-labelledby="crashes">
      <h2 id="crashes" className="text-sm font-semibold text-fg">
        Crashes ({crashes.length})
      </h2>
      <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
        {crashes.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm">
            <Link
              href={`/o/${orgSlug}/fleet/${c.host.id}`}
              className="font-medium text-fg hover:underline"
            >
              {c.host.name}
            </Link>
            <span className="font-mono text-xs text-muted">{c.kernel ?? "?"}</span>
            <Badge>{c.source}</Badge>
            {c.corrupted ? <Badge tone="warn">corrupted</Badge> : null}
            <span className="font-mono text-xs text-faint" title="exact signature">
              {c.signatureExact}
            </span>
            <span className="ml-auto flex items-center gap-2 text-xs text-muted">
              {formatDateTime(c.collectedAt)}
              {c.rawBlob ? (
                <a
                  className="text-accent hover:underline"
                  href={`/api/crashes/${c.id}/raw?download=1`}
                >
                  log
                </a>
              ) : null}
              <VmcoreCell crash={c} status={vmcore[c.id]} canFetch={canTriage} />
              {canTriage ? (
                <Button size="sm" variant="ghost" onClick={() => split.mutate({ crashId: c.id })}>
                  Split out
                </Button>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
