"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Send, Webhook } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import { RemoveWebhookDialog, RotateSecretDialog, SetWebhookDialog } from "./webhook-dialogs";
import { WebhookDocs } from "./webhook-docs";

type Open = "set" | "rotate" | "remove" | null;

export function WebhookPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const webhook = useQuery(trpc.org.webhook.queryOptions());
  const [open, setOpen] = useState<Open>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.org.webhook.queryKey() });
  const test = useMutation(
    trpc.org.testWebhook.mutationOptions({
      onError: (error) =>
        toast({ tone: "error", title: "The test was not sent", description: error.message }),
    }),
  );
  const view = webhook.data;
  const url = view?.configured ? view.url : null;

  return (
    <div className="space-y-5">
      {webhook.isPending ? (
        <div className="h-40 animate-pulse rounded-lg border border-border bg-surface" />
      ) : webhook.error ? (
        <p className="text-sm text-danger" role="alert">
          {webhook.error.message}
        </p>
      ) : url ? (
        <section
          aria-labelledby="webhook-target"
          className="space-y-4 rounded-lg border border-border bg-surface p-5"
        >
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0 space-y-1">
              <h2
                id="webhook-target"
                className="flex items-center gap-2 text-base font-semibold text-fg"
              >
                Rollout webhook <Badge tone="ok">active</Badge>
              </h2>
              <p className="font-mono text-[13px] break-all text-fg" data-testid="webhook-url">
                {url}
              </p>
              <p className="text-sm text-muted">
                Signed with the secret ending in{" "}
                <span className="font-mono text-fg">{view?.secretHint ?? "(unreadable)"}</span>.
              </p>
            </div>
            <Button
              variant="primary"
              loading={test.isPending}
              onClick={() => {
                test.reset();
                test.mutate();
              }}
            >
              <Send className="size-4" /> Send test event
            </Button>
          </div>
          {test.data ? <TestResult result={test.data} /> : null}
          <div className="flex flex-wrap gap-2 border-t border-border pt-4">
            <Button size="sm" onClick={() => setOpen("set")}>
              Change URL
            </Button>
            <Button size="sm" onClick={() => setOpen("rotate")}>
              Rotate secret
            </Button>
            <Button size="sm" variant="ghost-danger" onClick={() => setOpen("remove")}>
              Remove
            </Button>
          </div>
        </section>
      ) : (
        <EmptyState
          icon={Webhook}
          title="Send rollout events to your own systems"
          action={
            <Button variant="primary" onClick={() => setOpen("set")}>
              <Webhook className="size-4" /> Add webhook
            </Button>
          }
        >
          Each time a rollout changes state, Fleetdeck POSTs a small JSON event to a URL of yours,
          signed with a secret only you and Fleetdeck know. Use it to post to chat, page someone or
          pause a deploy pipeline.
        </EmptyState>
      )}
      <WebhookDocs />
      {open === "set" ? (
        <SetWebhookDialog
          currentUrl={url}
          onClose={() => setOpen(null)}
          onSaved={() => {
            test.reset();
            void refresh();
          }}
        />
      ) : null}
      {open === "rotate" ? (
        <RotateSecretDialog
          onClose={() => setOpen(null)}
          onRotated={() => {
            test.reset();
            void refresh();
          }}
        />
      ) : null}
      {open === "remove" && url ? (
        <RemoveWebhookDialog
          url={url}
          onClose={() => setOpen(null)}
          onRemoved={() => {
            test.reset();
            void refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function TestResult({
  result,
}: {
  result: { ok: boolean; status: number | null; ms: number; error?: string };
}) {
  const answer = result.status === null ? "no answer" : `HTTP ${result.status}`;
  return (
    <div
      role="status"
      data-testid="webhook-test-result"
      className={
        result.ok
          ? "rounded-md border border-ok/40 bg-ok-soft px-3 py-2 text-sm"
          : "rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm"
      }
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={result.ok ? "ok" : "danger"}>{result.ok ? "delivered" : "failed"}</Badge>
        <span className="font-medium text-fg">
          {answer} in {result.ms} ms
        </span>
      </div>
      {result.error ? <p className="mt-1 text-muted">{result.error}</p> : null}
    </div>
  );
}
