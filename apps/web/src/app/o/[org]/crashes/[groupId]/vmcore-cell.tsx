"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatBytes } from "@/components/fleet/format";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";

export interface VmcoreStatus {
  request: { commandId: string; state: string; error: string | null } | null;
  upload: { received: number; length: number } | null;
}

const WAITING = new Set(["queued", "delivered", "running"]);

/** True while a fetch is on its way: the page polls faster then. */
export const vmcoreInFlight = (s: VmcoreStatus | undefined) =>
  Boolean(s?.upload || (s?.request && WAITING.has(s.request.state)));

/**
 * A crash's vmcore: the download when stored; else where a fetch stands (asked, uploading
 * with progress, or why it failed); else "Fetch vmcore" for an operator on a kdump report.
 */
export function VmcoreCell({
  crash,
  status,
  canFetch,
}: {
  crash: { id: string; source: string; vmcoreBlob: string | null; vmcoreBytes: bigint | null };
  status: VmcoreStatus | undefined;
  canFetch: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const fetchVmcore = useMutation(
    trpc.crashes.fetchVmcore.mutationOptions({
      onSuccess: () => {
        toast({
          tone: "success",
          title: "vmcore requested",
          description: "The host uploads it in resumable chunks; progress shows here.",
        });
        return queryClient.invalidateQueries({ queryKey: trpc.crashes.group.queryKey() });
      },
      onError: (error) =>
        toast({ tone: "error", title: "Cannot fetch", description: error.message }),
    }),
  );
  if (crash.vmcoreBlob)
    return (
      <a className="text-accent hover:underline" href={`/api/crashes/${crash.id}/vmcore`}>
        vmcore ({formatBytes(Number(crash.vmcoreBytes ?? 0))})
      </a>
    );
  if (status?.upload) {
    const percent = Math.floor((status.upload.received / Math.max(1, status.upload.length)) * 100);
    return (
      <span className="flex items-center gap-1.5" title="vmcore upload in progress">
        <progress
          className="h-1.5 w-20 accent-[var(--accent)]"
          value={status.upload.received}
          max={status.upload.length}
          aria-label="vmcore upload"
        />
        {percent}% of {formatBytes(status.upload.length)}
      </span>
    );
  }
  if (status?.request && WAITING.has(status.request.state))
    return <span>vmcore requested ({status.request.state})</span>;
  if (crash.source !== "kdump" || !canFetch) return null;
  const failed = status?.request && !WAITING.has(status.request.state) ? status.request : null;
  return (
    <span className="flex items-center gap-1.5">
      {failed ? (
        <span className="text-danger" title={failed.error ?? undefined}>
          fetch {failed.state}
          {failed.error ? `: ${failed.error.slice(0, 80)}` : ""}
        </span>
      ) : null}
      <Button
        size="sm"
        variant="ghost"
        loading={fetchVmcore.isPending}
        onClick={() => fetchVmcore.mutate({ crashId: crash.id })}
      >
        {failed ? "Retry vmcore" : "Fetch vmcore"}
      </Button>
    </span>
  );
}
