"use client";

import type { Role } from "@fleetdeck/db";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { type Column, DataTable } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { formatDateTime } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";
import { grantable } from "./roles";

interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: Date;
  totpEnrolled: boolean;
}

export function MembersPanel({ role, selfId }: { role: Role; selfId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const admin = role === "admin" || role === "owner";
  const members = useQuery(trpc.org.members.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.org.members.queryKey() });
  const onError = (error: { message: string }) =>
    toast({ tone: "error", title: "That did not work", description: error.message });
  const changeRole = useMutation(
    trpc.org.changeRole.mutationOptions({
      onSuccess: () => {
        toast({ tone: "success", title: "Role changed" });
        return refresh();
      },
      onError,
    }),
  );
  const [removing, setRemoving] = useState<Member | null>(null);
  const [resetting, setResetting] = useState<Member | null>(null);

  const columns: Column<Member>[] = [
    {
      key: "member",
      header: "Member",
      cell: (m) => (
        <div className="min-w-0">
          <div className="font-medium text-fg">
            {m.name || m.email}{" "}
            {m.userId === selfId ? <span className="text-muted">(you)</span> : null}
          </div>
          <div className="text-xs text-muted">{m.email}</div>
        </div>
      ),
    },
    {
      key: "role",
      header: "Role",
      cell: (m) =>
        admin && m.userId !== selfId && (role === "owner" || m.role !== "owner") ? (
          <Select
            label={`Role of ${m.email}`}
            value={m.role}
            options={grantable(role)}
            onValueChange={(next) => changeRole.mutate({ userId: m.userId, role: next as Role })}
            className="h-8 min-w-28"
          />
        ) : (
          <Badge tone={m.role === "owner" ? "accent" : "neutral"}>{m.role}</Badge>
        ),
    },
    {
      key: "2fa",
      header: "Two-factor",
      cell: (m) =>
        m.totpEnrolled ? (
          <Badge tone="ok">enrolled</Badge>
        ) : (
          <Badge tone="warn">at next login</Badge>
        ),
    },
    {
      key: "joined",
      header: "Joined",
      className: "hidden sm:table-cell",
      cell: (m) => <span className="text-muted">{formatDateTime(m.joinedAt)}</span>,
    },
  ];
  if (admin) {
    columns.push({
      key: "actions",
      header: "",
      className: "text-right",
      cell: (m) =>
        m.userId === selfId ? null : (
          <div className="flex justify-end gap-1">
            <Button size="sm" variant="ghost" onClick={() => setResetting(m)}>
              Reset 2FA
            </Button>
            <Button size="sm" variant="ghost-danger" onClick={() => setRemoving(m)}>
              Remove
            </Button>
          </div>
        ),
    });
  }

  return (
    <>
      <DataTable
        caption="Members"
        columns={columns}
        rows={members.data ?? []}
        rowKey={(m) => m.userId}
        loading={members.isPending}
        empty="No members yet."
      />
      {removing ? (
        <RemoveDialog member={removing} onClose={() => setRemoving(null)} onDone={refresh} />
      ) : null}
      {resetting ? (
        <ResetTotpDialog member={resetting} onClose={() => setResetting(null)} onDone={refresh} />
      ) : null}
    </>
  );
}

function RemoveDialog({
  member,
  onClose,
  onDone,
}: {
  member: Member;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const remove = useMutation(
    trpc.org.removeMember.mutationOptions({
      onSuccess: () => {
        toast({ tone: "success", title: `${member.email} removed` });
        onDone();
        onClose();
      },
    }),
  );
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={`Remove ${member.name || member.email}?`}
        description="They lose access to this organization at once. Their account and other organizations are untouched."
        footer={
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={() => remove.mutate({ userId: member.userId })}
            >
              Remove member
            </Button>
          </>
        }
      >
        {remove.error ? (
          <p className="text-sm text-danger" role="alert">
            {remove.error.message}
          </p>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

/** Step-up: the admin proves presence with a fresh TOTP code of their own. */
function ResetTotpDialog({
  member,
  onClose,
  onDone,
}: {
  member: Member;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const [code, setCode] = useState("");
  const reset = useMutation(
    trpc.org.resetTotp.mutationOptions({
      onSuccess: () => {
        toast({
          tone: "success",
          title: "Two-factor reset",
          description: `${member.email} sets it up again at their next sign-in.`,
        });
        onDone();
        onClose();
      },
    }),
  );
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={`Reset two-factor for ${member.name || member.email}?`}
        description="Their authenticator and recovery codes stop working and every session they have ends. They enroll a new authenticator at their next sign-in."
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            reset.mutate({ userId: member.userId, code });
          }}
        >
          <Field
            label="Your authentication code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={reset.error?.message ?? null}
            hint="A fresh code from your own authenticator app confirms it is you."
          />
          <div className="flex justify-end gap-2">
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="danger" loading={reset.isPending}>
              Reset two-factor
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
