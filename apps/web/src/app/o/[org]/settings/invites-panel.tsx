"use client";

import type { Role } from "@fleetdeck/db";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { type Column, DataTable } from "@/components/ui/table";
import { formatDateTime } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";
import { grantable } from "./roles";

interface InviteRow {
  id: string;
  role: Role;
  email: string | null;
  createdAt: Date;
  expiresAt: Date;
  status: string;
}

const statusTone: Record<string, BadgeTone> = {
  pending: "accent",
  used: "ok",
  expired: "neutral",
  revoked: "danger",
};

export function InvitesPanel({ role }: { role: Role }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invites = useQuery(trpc.org.invites.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.org.invites.queryKey() });
  const revoke = useMutation(trpc.org.revokeInvite.mutationOptions({ onSuccess: refresh }));
  const [open, setOpen] = useState(false);

  const columns: Column<InviteRow>[] = [
    {
      key: "for",
      header: "For",
      cell: (i) => i.email ?? <span className="text-muted">anyone with the link</span>,
    },
    { key: "role", header: "Role", cell: (i) => <Badge>{i.role}</Badge> },
    {
      key: "status",
      header: "Status",
      cell: (i) => <Badge tone={statusTone[i.status] ?? "neutral"}>{i.status}</Badge>,
    },
    {
      key: "expires",
      header: "Expires",
      className: "hidden sm:table-cell",
      cell: (i) => <span className="text-muted">{formatDateTime(i.expiresAt)}</span>,
    },
    {
      key: "actions",
      header: "",
      className: "text-right",
      cell: (i) =>
        i.status === "pending" ? (
          <Button
            size="sm"
            variant="ghost-danger"
            onClick={() => revoke.mutate({ inviteId: i.id })}
          >
            Revoke
          </Button>
        ) : null,
    },
  ];
  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button variant="primary" onClick={() => setOpen(true)}>
          <UserPlus className="size-4" /> Invite people
        </Button>
      </div>
      <DataTable
        caption="Invitations"
        columns={columns}
        rows={invites.data ?? []}
        rowKey={(i) => i.id}
        loading={invites.isPending}
        empty="No invitations yet. Invite a teammate: they get a link that works once and sets up their password and two-factor."
      />
      {open ? (
        <InviteDialog
          role={role}
          onClose={() => {
            setOpen(false);
            void refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function InviteDialog({ role, onClose }: { role: Role; onClose: () => void }) {
  const trpc = useTRPC();
  const [form, setForm] = useState<{ role: Role; email: string; expiresInHours: number }>({
    role: "viewer",
    email: "",
    expiresInHours: 72,
  });
  const create = useMutation(trpc.org.createInvite.mutationOptions());
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title="Invite a teammate"
        description="The link works once, until it expires. They choose a password and set up two-factor."
      >
        {create.data ? (
          <div className="space-y-4">
            <p className="text-sm text-muted">Send this link to them. It is shown only now.</p>
            <CodeBlock code={create.data.url} label="Invitation link" />
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
              create.mutate(form);
            }}
          >
            <div className="space-y-1.5">
              <span className="block text-sm font-medium text-fg">Role</span>
              <Select
                label="Role"
                value={form.role}
                options={grantable(role)}
                onValueChange={(v) => setForm({ ...form, role: v as Role })}
                className="w-full"
              />
              <p className="text-sm text-muted">
                {grantable(role).find((o) => o.value === form.role)?.help}
              </p>
            </div>
            <Field
              label="Email (optional)"
              type="email"
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
              hint="When set, only this address can use the link."
            />
            <div className="space-y-1.5">
              <span className="block text-sm font-medium text-fg">Expires after</span>
              <Select
                label="Expires after"
                value={String(form.expiresInHours)}
                options={[
                  { value: "24", label: "1 day" },
                  { value: "72", label: "3 days" },
                  { value: "168", label: "7 days" },
                ]}
                onValueChange={(v) => setForm({ ...form, expiresInHours: Number(v) })}
                className="w-full"
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
                Create link
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
