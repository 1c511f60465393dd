"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";

type Operation = "pause" | "resume" | "approve" | "abort" | "rollback" | "retry_failed" | "promote";

const AVAILABLE: Record<string, Operation[]> = {
  running: ["pause", "promote", "retry_failed", "abort"],
  paused: ["resume", "retry_failed", "abort"],
  awaiting_approval: ["approve", "pause", "abort"],
  aborted: ["retry_failed", "rollback"],
  completed: ["rollback"],
};

const TEXT: Record<
  Operation,
  { button: string; title: string; description: string; danger?: boolean }
> = {
  pause: {
    button: "Pause",
    title: "Pause the rollout?",
    description: "The wave in flight is still watched; no new wave starts until you resume.",
  },
  resume: {
    button: "Resume",
    title: "Resume the rollout?",
    description: "The next wave starts when the current one passes its gate.",
  },
  approve: {
    button: "Approve next wave",
    title: "Approve the next wave?",
    description: "It is dispatched at once.",
  },
  abort: {
    button: "Abort",
    title: "Abort the rollout?",
    description:
      "No further host gets the revision; touched hosts are rolled back unless the strategy says not to.",
    danger: true,
  },
  rollback: {
    button: "Roll back",
    title: "Roll back every touched host?",
    description: "Each goes back to its pre-apply snapshot or its previous revision.",
    danger: true,
  },
  retry_failed: {
    button: "Retry failed hosts",
    title: "Retry only the failed hosts?",
    description:
      "Hosts of the current wave that failed get the revision again; verified hosts are left alone.",
  },
  promote: {
    button: "Promote now",
    title: "Promote now?",
    description: "Skips the rest of the current wave's bake.",
  },
};

/** The operation buttons, each behind a confirmation; large promotions ask for a TOTP code. */
export function Operations({ rollout }: { rollout: { id: string; state: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState<Operation | null>(null);
  const [code, setCode] = useState("");
  const [needsCode, setNeedsCode] = useState(false);
  const operate = useMutation(
    trpc.rollouts.operate.mutationOptions({
      onSuccess: (_r, vars) => {
        toast({ tone: "success", title: TEXT[vars.operation as Operation].button });
        setOpen(null);
        setCode("");
        setNeedsCode(false);
        return queryClient.invalidateQueries({
          queryKey: trpc.rollouts.get.queryKey({ rolloutId: rollout.id }),
        });
      },
      onError: (error) => {
        if ((error.data as { details?: { stepUp?: boolean } } | undefined)?.details?.stepUp)
          setNeedsCode(true);
      },
    }),
  );
  const operations = AVAILABLE[rollout.state] ?? [];
  if (operations.length === 0) return null;
  const current = open ? TEXT[open] : null;
  return (
    <div className="flex flex-wrap gap-2">
      {operations.map((op) => (
        <Button
          key={op}
          variant={
            TEXT[op].danger
              ? "danger"
              : op === "resume" || op === "approve"
                ? "primary"
                : "secondary"
          }
          onClick={() => setOpen(op)}
        >
          {TEXT[op].button}
        </Button>
      ))}
      {open && current ? (
        <Dialog open onOpenChange={(o) => !o && setOpen(null)}>
          <DialogContent title={current.title} description={current.description}>
            <form
              className="space-y-4"
              onSubmit={(e) => {
                e.preventDefault();
                operate.mutate({
                  rolloutId: rollout.id,
                  operation: open,
                  ...(code ? { code } : {}),
                });
              }}
            >
              {needsCode ? (
                <Field
                  label="Authentication code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  autoFocus
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              ) : null}
              {operate.error ? (
                <p className="text-sm text-danger" role="alert">
                  {operate.error.message}
                </p>
              ) : null}
              <div className="flex justify-end gap-2">
                <Button onClick={() => setOpen(null)}>Cancel</Button>
                <Button
                  type="submit"
                  variant={current.danger ? "danger" : "primary"}
                  loading={operate.isPending}
                >
                  {current.button}
                </Button>
              </div>
            </form>
          </DialogContent>
        </Dialog>
      ) : null}
    </div>
  );
}
