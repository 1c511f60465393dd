"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Activity, FileSearch, Loader2, RefreshCw } from "lucide-react";
import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { formatDateTime, timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";
import { CommandResultView } from "./command-result";

const FINAL = new Set(["succeeded", "failed", "expired", "cancelled", "unknown"]);
const tone: Record<string, BadgeTone> = {
  queued: "neutral",
  delivered: "accent",
  running: "accent",
  succeeded: "ok",
  failed: "danger",
  expired: "warn",
  cancelled: "neutral",
  unknown: "warn",
};

const actions = [
  { type: "diagnostics.collect", label: "Collect diagnostics", icon: FileSearch },
  { type: "facts.refresh", label: "Refresh facts", icon: RefreshCw },
  { type: "agent.ping", label: "Ping", icon: Activity },
] as const;

export function CommandsPanel({ hostId, canRun }: { hostId: string; canRun: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState<string | null>(null);
  const commands = useQuery(
    trpc.fleet.commands.queryOptions(
      { hostId },
      // While something is in flight, ask every second: the result appears without a reload.
      {
        refetchInterval: (query) =>
          query.state.data?.some((c) => !FINAL.has(c.state)) ? 1000 : 10_000,
      },
    ),
  );
  const run = useMutation(
    trpc.fleet.runCommand.mutationOptions({
      onSuccess: (command) => {
        setOpen(command.id);
        return queryClient.invalidateQueries({
          queryKey: trpc.fleet.commands.queryKey({ hostId }),
        });
      },
      onError: (error) =>
        toast({ tone: "error", title: "Could not queue the command", description: error.message }),
    }),
  );

  return (
    <div className="space-y-4">
      {canRun ? (
        <div className="flex flex-wrap gap-2">
          {actions.map(({ type, label, icon: Icon }) => (
            <Button
              key={type}
              variant={type === "diagnostics.collect" ? "primary" : "secondary"}
              loading={run.isPending && run.variables?.type === type}
              onClick={() => run.mutate({ hostId, type })}
            >
              <Icon className="size-4" /> {label}
            </Button>
          ))}
        </div>
      ) : null}
      <ul
        className="divide-y divide-border rounded-lg border border-border bg-surface"
        aria-label="Command history"
      >
        {commands.data?.length === 0 ? (
          <li className="p-5 text-sm text-muted">
            No commands yet. Diagnostics, facts refreshes and policy applies appear here with their
            results.
          </li>
        ) : null}
        {commands.data?.map((c) => (
          <li key={c.id} className="p-4">
            <button
              type="button"
              className="flex w-full flex-wrap items-center gap-3 text-left"
              onClick={() => setOpen(open === c.id ? null : c.id)}
              aria-expanded={open === c.id}
            >
              <span className="font-mono text-sm text-fg">{c.type}</span>
              <Badge tone={tone[c.state] ?? "neutral"}>
                {!FINAL.has(c.state) ? (
                  <Loader2 className="size-3 animate-spin" aria-hidden />
                ) : null}
                {c.state}
              </Badge>
              {c.dryRun ? <Badge>dry-run</Badge> : null}
              {c.rejection ? <Badge tone="danger">refused: {c.rejection}</Badge> : null}
              <span className="ml-auto text-xs text-muted" title={formatDateTime(c.createdAt)}>
                {timeAgo(c.createdAt)}
                {c.finishedAt
                  ? ` · took ${Math.max(0, c.finishedAt.getTime() - c.createdAt.getTime())} ms`
                  : ""}
              </span>
            </button>
            {open === c.id ? <CommandResultView command={c} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
