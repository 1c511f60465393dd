"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";
import { type GroupStatus, STATUSES } from "../status";

interface Detail {
  group: { id: string; status: string; assigneeId: string | null; fixedIn: string | null };
}

const NOBODY = "__nobody";

export function TriageControls({
  detail,
  canTriage,
}: {
  orgSlug: string;
  detail: Detail;
  canTriage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { group } = detail;
  const members = useQuery({ ...trpc.org.members.queryOptions(), enabled: canTriage });
  const inbox = useQuery({
    ...trpc.crashes.inbox.queryOptions({ pageSize: 200 }),
    enabled: canTriage,
  });
  const [fixedIn, setFixedIn] = useState(group.fixedIn ?? "");
  const [mergeInto, setMergeInto] = useState<string>("");
  const refresh = () => queryClient.invalidateQueries();
  const onError = (e: { message: string }) =>
    toast({ tone: "error", title: "That did not work", description: e.message });
  const status = useMutation(
    trpc.crashes.setStatus.mutationOptions({ onSuccess: refresh, onError }),
  );
  const update = useMutation(trpc.crashes.update.mutationOptions({ onSuccess: refresh, onError }));
  const merge = useMutation(
    trpc.crashes.merge.mutationOptions({
      onSuccess: () => {
        toast({ tone: "success", title: "Merged" });
        return refresh();
      },
      onError,
    }),
  );
  if (!canTriage) return null;
  return (
    <div className="flex flex-wrap items-end gap-4 rounded-lg border border-border bg-surface p-4">
      <div className="space-y-1">
        <span className="block text-xs font-medium text-muted uppercase">Status</span>
        <Select
          label="Status"
          value={group.status}
          onValueChange={(v) => status.mutate({ groupIds: [group.id], status: v as GroupStatus })}
          options={STATUSES.map((s) => ({ value: s, label: s }))}
        />
      </div>
      <div className="space-y-1">
        <span className="block text-xs font-medium text-muted uppercase">Assignee</span>
        <Select
          label="Assignee"
          value={group.assigneeId ?? NOBODY}
          onValueChange={(v) =>
            update.mutate({ groupId: group.id, assigneeId: v === NOBODY ? null : v })
          }
          options={[
            { value: NOBODY, label: "Nobody" },
            ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email })),
          ]}
        />
      </div>
      <form
        className="space-y-1"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ groupId: group.id, fixedIn: fixedIn.trim() || null });
        }}
      >
        <label htmlFor="fixed-in" className="block text-xs font-medium text-muted uppercase">
          Fixed in kernel
        </label>
        <div className="flex gap-2">
          <Input
            id="fixed-in"
            className="w-44 font-mono"
            placeholder="6.1.0-57"
            value={fixedIn}
            onChange={(e) => setFixedIn(e.target.value)}
          />
          <Button type="submit" size="sm">
            Set
          </Button>
        </div>
      </form>
      <div className="space-y-1">
        <span className="block text-xs font-medium text-muted uppercase">Merge into</span>
        <div className="flex gap-2">
          <Select
            label="Merge into group"
            value={mergeInto || undefined}
            placeholder="Pick a group"
            onValueChange={setMergeInto}
            options={(inbox.data?.rows ?? [])
              .filter((r) => r.id !== group.id)
              .map((r) => ({ value: r.id, label: r.title.slice(0, 60) }))}
            className="w-64"
          />
          <Button
            size="sm"
            disabled={!mergeInto}
            loading={merge.isPending}
            onClick={() => merge.mutate({ sourceGroupId: group.id, targetGroupId: mergeInto })}
          >
            Merge
          </Button>
        </div>
      </div>
    </div>
  );
}
