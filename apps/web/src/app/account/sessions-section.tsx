"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";
import { describeUserAgent } from "@/lib/user-agent";
import { Section } from "./section";

export function SessionsSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const revoke = useMutation(
    trpc.account.revokeSession.mutationOptions({
      onSuccess: () => {
        toast({ tone: "success", title: "Session signed out" });
        return queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
      },
      onError: (error) =>
        toast({ tone: "error", title: "Could not sign it out", description: error.message }),
    }),
  );
  return (
    <Section
      title="Active sessions"
      description="Browsers signed in to your account. Sign out any you do not recognise."
    >
      {sessions.isPending ? <p className="text-sm text-muted">Loading…</p> : null}
      {sessions.error ? <p className="text-sm text-danger">{sessions.error.message}</p> : null}
      <ul className="divide-y divide-border">
        {sessions.data?.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <div className="flex items-center gap-2 text-sm font-medium text-fg">
                {describeUserAgent(s.userAgent)}{" "}
                {s.current ? <Badge tone="ok">This browser</Badge> : null}
              </div>
              <div className="text-xs text-muted">
                {s.ip ?? "unknown IP"} · last used {timeAgo(s.lastUsedAt)} · signed in{" "}
                {timeAgo(s.createdAt)}
              </div>
            </div>
            {s.current ? null : (
              <Button
                size="sm"
                variant="secondary"
                loading={revoke.isPending && revoke.variables?.sessionId === s.id}
                onClick={() => revoke.mutate({ sessionId: s.id })}
              >
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
