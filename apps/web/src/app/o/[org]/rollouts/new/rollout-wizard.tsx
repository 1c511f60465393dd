"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc/react";
import { BlastRadius } from "./blast-radius";
import { defaultStrategy, StrategyFields, type StrategyForm, toStrategy } from "./strategy-form";

type TargetKind = "selector" | "all";

export function RolloutWizard({ orgSlug }: { orgSlug: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const [policyId, setPolicyId] = useState("");
  const [kind, setKind] = useState<TargetKind>("selector");
  const [selector, setSelector] = useState("env=prod");
  const [form, setForm] = useState<StrategyForm>(defaultStrategy);
  const [confirming, setConfirming] = useState(false);
  const deferredSelector = useDeferredValue(selector);
  const policies = useQuery(trpc.policies.list.queryOptions());
  const revisionId = policies.data?.find((p) => p.id === policyId)?.latest?.id;
  const target =
    kind === "all"
      ? { kind: "all" as const }
      : { kind: "selector" as const, selector: deferredSelector };
  const strategy = toStrategy(form);
  const count = useQuery(
    trpc.rollouts.matchCount.queryOptions(
      { target },
      { placeholderData: keepPreviousData, retry: false },
    ),
  );
  const preview = useQuery({
    ...trpc.rollouts.preview.queryOptions(
      { revisionId: revisionId ?? "", target, strategy: strategy.ok ? strategy.strategy : {} },
      { placeholderData: keepPreviousData, retry: false },
    ),
    enabled: Boolean(revisionId) && strategy.ok,
  });
  const create = useMutation(
    trpc.rollouts.create.mutationOptions({
      onSuccess: (r) => router.push(`/o/${orgSlug}/rollouts/${r.rolloutId}`),
    }),
  );
  const chosen = policies.data?.find((p) => p.id === policyId);
  const eligible = preview.data?.waveSizes.reduce((a, b) => a + b, 0) ?? 0;

  return (
    <div className="space-y-8">
      <section className="grid gap-4 sm:grid-cols-2" aria-label="What and where">
        <Field
          label="Rollout name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="edge-shaping to prod"
        />
        <div className="space-y-1.5">
          <span className="block text-sm font-medium text-fg">Policy revision</span>
          <Select
            label="Policy revision"
            className="w-full"
            value={policyId || undefined}
            placeholder="Pick a policy"
            onValueChange={setPolicyId}
            options={(policies.data ?? [])
              .filter((p) => p.latest)
              .map((p) => ({ value: p.id, label: `${p.name} — revision ${p.latest?.number}` }))}
          />
        </div>
        <div className="space-y-2 sm:col-span-2">
          <span className="block text-sm font-medium text-fg">Target</span>
          <div className="flex gap-2" role="radiogroup" aria-label="Target">
            {(["selector", "all"] as const).map((k) => (
              <label
                key={k}
                className={cn(
                  "cursor-pointer rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent",
                  kind === k
                    ? "border-accent bg-accent-soft text-accent"
                    : "border-border text-muted hover:text-fg",
                )}
              >
                <input
                  type="radio"
                  name="target-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                  className="sr-only"
                />
                {k === "selector" ? "Hosts matching labels" : "All hosts"}
              </label>
            ))}
          </div>
          {kind === "selector" ? (
            <Field
              label="Label selector"
              value={selector}
              onChange={(e) => setSelector(e.target.value)}
              inputClassName="font-mono"
              error={count.error?.message ?? null}
              hint={
                count.data !== undefined
                  ? `${count.data} host${count.data === 1 ? "" : "s"} match now (the set is fixed when the rollout starts). Syntax: env=prod, site in (fra1, ams2), tier!=db`
                  : "…"
              }
            />
          ) : (
            <p className="text-sm text-muted">{count.data ?? "…"} hosts enrolled.</p>
          )}
        </div>
      </section>
      <section className="space-y-3" aria-labelledby="strategy">
        <h2 id="strategy" className="text-base font-semibold text-fg">
          Strategy
        </h2>
        <StrategyFields value={form} onChange={setForm} />
        {!strategy.ok ? (
          <p className="text-sm text-danger" role="alert">
            {strategy.problem}
          </p>
        ) : null}
      </section>
      <section className="space-y-3" aria-labelledby="blast">
        <h2 id="blast" className="text-base font-semibold text-fg">
          Blast radius
        </h2>
        {!revisionId ? (
          <p className="text-sm text-muted">Pick a policy to see who would get it.</p>
        ) : null}
        {preview.error ? <p className="text-sm text-danger">{preview.error.message}</p> : null}
        {preview.data ? (
          <BlastRadius
            hosts={preview.data.hosts}
            waveSizes={preview.data.waveSizes}
            orgSlug={orgSlug}
          />
        ) : null}
      </section>
      <div className="flex justify-end gap-2 border-t border-border pt-4">
        <Button
          variant="primary"
          disabled={!revisionId || !strategy.ok || !name.trim() || eligible === 0}
          onClick={() => setConfirming(true)}
        >
          Start rollout
        </Button>
      </div>
      {confirming && chosen?.latest && strategy.ok ? (
        <Dialog open onOpenChange={(o) => !o && setConfirming(false)}>
          <DialogContent
            title={`Start “${name}”?`}
            description={`${chosen.name} revision ${chosen.latest.number} goes to ${eligible} hosts in ${preview.data?.waveSizes.length ?? 0} waves. A failure over budget stops it and ${form.rollbackOnAbort ? "rolls the touched hosts back" : "leaves the touched hosts as they are"}.`}
            footer={
              <>
                <Button onClick={() => setConfirming(false)}>Cancel</Button>
                <Button
                  variant="primary"
                  loading={create.isPending}
                  onClick={() =>
                    create.mutate({
                      name,
                      revisionId: chosen.latest?.id ?? "",
                      target,
                      strategy: strategy.strategy,
                      start: true,
                    })
                  }
                >
                  Start
                </Button>
              </>
            }
          >
            {create.error ? (
              <p className="text-sm text-danger" role="alert">
                {create.error.message}
              </p>
            ) : null}
          </DialogContent>
        </Dialog>
      ) : null}
    </div>
  );
}
