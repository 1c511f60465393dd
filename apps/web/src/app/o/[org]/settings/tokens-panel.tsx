"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { LabelList } from "@/components/fleet/labels";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { type Column, DataTable } from "@/components/ui/table";
import { formatDateTime } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";

interface TokenRow {
  id: string;
  name: string;
  labels: Record<string, string>;
  maxUses: number | null;
  uses: number;
  expiresAt: Date;
  status: string;
  hosts: { id: string; name: string }[];
}

const statusTone: Record<string, BadgeTone> = {
  active: "ok",
  expired: "neutral",
  revoked: "danger",
  "used up": "neutral",
};

export function TokensPanel({ orgSlug }: { orgSlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.fleet.enrollmentTokens.queryOptions());
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.fleet.enrollmentTokens.queryKey() });
  const revoke = useMutation(
    trpc.fleet.revokeEnrollmentToken.mutationOptions({ onSuccess: refresh }),
  );
  const [creating, setCreating] = useState(false);
  const columns: Column<TokenRow>[] = [
    {
      key: "name",
      header: "Name",
      cell: (t) => <span className="font-medium text-fg">{t.name}</span>,
    },
    {
      key: "labels",
      header: "Labels",
      className: "hidden md:table-cell",
      cell: (t) => <LabelList labels={t.labels} />,
    },
    {
      key: "uses",
      header: "Used",
      cell: (t) => `${t.uses}${t.maxUses === null ? "" : ` / ${t.maxUses}`}`,
    },
    {
      key: "hosts",
      header: "Hosts",
      className: "hidden lg:table-cell",
      cell: (t) =>
        t.hosts.length === 0 ? (
          <span className="text-faint">none yet</span>
        ) : (
          <span className="flex flex-wrap gap-1">
            {t.hosts.map((h) => (
              <a
                key={h.id}
                href={`/o/${orgSlug}/fleet/${h.id}`}
                className="text-accent hover:underline"
              >
                {h.name}
              </a>
            ))}
          </span>
        ),
    },
    {
      key: "status",
      header: "Status",
      cell: (t) => <Badge tone={statusTone[t.status] ?? "neutral"}>{t.status}</Badge>,
    },
    {
      key: "expires",
      header: "Expires",
      className: "hidden sm:table-cell",
      cell: (t) => <span className="text-muted">{formatDateTime(t.expiresAt)}</span>,
    },
    {
      key: "actions",
      header: "",
      className: "text-right",
      cell: (t) =>
        t.status === "active" ? (
          <Button size="sm" variant="ghost-danger" onClick={() => revoke.mutate({ tokenId: t.id })}>
            Revoke
          </Button>
        ) : null,
    },
  ];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted">
          A token lets agents enroll hosts into this organization, with the labels you give it.
        </p>
        <Button variant="primary" onClick={() => setCreating(true)}>
          <KeyRound className="size-4" /> Create token
        </Button>
      </div>
      <DataTable
        caption="Enrollment tokens"
        columns={columns}
        rows={(tokens.data ?? []) as TokenRow[]}
        rowKey={(t) => t.id}
        loading={tokens.isPending}
        empty="No enrollment tokens yet. Create one, then paste the command it shows on each server."
      />
      {creating ? (
        <CreateTokenDialog
          onClose={() => {
            setCreating(false);
            void refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function CreateTokenDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const [form, setForm] = useState({ name: "", labels: "", maxUses: "", expiresInHours: 24 });
  const create = useMutation(trpc.fleet.createEnrollmentToken.mutationOptions());
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title="Create an enrollment token"
        description="The token is shown once. Hosts enrolled with it start with its labels."
      >
        {create.data ? (
          <div className="space-y-4">
            <CodeBlock label="Run this on each server (as root)" code={create.data.command} />
            <p className="text-sm text-muted">
              Expires {formatDateTime(create.data.expiresAt)}. Install the agent first: see
              infra/agent/INSTALL.md.
            </p>
            <div className="flex justify-end">
              <Button variant="primary" onClick={onClose}>
                Done
              </Button>
            </div>
          </div>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({
                name: form.name,
                labels: form.labels,
                maxUses: form.maxUses ? Number(form.maxUses) : null,
                expiresInHours: form.expiresInHours,
              });
            }}
          >
            <Field
              label="Name"
              required
              autoFocus
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              placeholder="fra1 edge rack"
            />
            <Field
              label="Labels"
              value={form.labels}
              onChange={(e) => setForm({ ...form, labels: e.target.value })}
              placeholder="env=prod, site=fra1"
              hint="key=value pairs, separated by commas."
            />
            <Field
              label="Maximum hosts (optional)"
              type="number"
              min={1}
              value={form.maxUses}
              onChange={(e) => setForm({ ...form, maxUses: e.target.value })}
              hint="Empty: any number until it expires."
            />
            <div className="space-y-1.5">
              <span className="block text-sm font-medium text-fg">Expires after</span>
              <Select
                label="Expires after"
                className="w-full"
                value={String(form.expiresInHours)}
                onValueChange={(v) => setForm({ ...form, expiresInHours: Number(v) })}
                options={[
                  { value: "1", label: "1 hour" },
                  { value: "24", label: "1 day" },
                  { value: "168", label: "7 days" },
                  { value: "720", label: "30 days" },
                ]}
              />
            </div>
            {create.error ? (
              <p className="text-sm text-danger" role="alert">
                {create.error.message}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Button onClick={onClose}>Cancel</Button>
              <Button type="submit" variant="primary" loading={create.isPending}>
                Create token
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
