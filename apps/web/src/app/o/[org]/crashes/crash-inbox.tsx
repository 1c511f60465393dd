"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bug } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/select";
import { type Column, DataTable, type SortState } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";
import { type GroupStatus, OPEN, STATUSES, statusTone } from "./status";

interface GroupRow {
  id: string;
  title: string;
  kind: string;
  module: string | null;
  status: GroupStatus;
  crashCount: number;
  hostCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  kernels: string[];
}

const ANY = "__any";
const PAGE = 50;

export function CrashInbox({ orgSlug, canTriage }: { orgSlug: string; canTriage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [statusView, setStatusView] = useState<string>("open");
  const [kind, setKind] = useState(ANY);
  const [module, setModule] = useState(ANY);
  const [kernel, setKernel] = useState(ANY);
  const [sort, setSort] = useState<SortState>({ key: "lastSeenAt", direction: "desc" });
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const facets = useQuery(trpc.crashes.facets.queryOptions());
  const inbox = useQuery(
    trpc.crashes.inbox.queryOptions(
      {
        status:
          statusView === "open"
            ? OPEN
            : statusView === ANY
              ? undefined
              : [statusView as GroupStatus],
        kind: kind === ANY ? undefined : kind,
        module: module === ANY ? undefined : module,
        kernel: kernel === ANY ? undefined : kernel,
        sort: sort.key as "lastSeenAt",
        direction: sort.direction,
        page,
        pageSize: PAGE,
      },
      { placeholderData: keepPreviousData, refetchInterval: 15_000 },
    ),
  );
  const bulk = useMutation(
    trpc.crashes.setStatus.mutationOptions({
      onSuccess: (_r, vars) => {
        toast({
          tone: "success",
          title: `${vars.groupIds.length} group${vars.groupIds.length === 1 ? "" : "s"} marked ${vars.status}`,
        });
        setSelected(new Set());
        return queryClient.invalidateQueries({ queryKey: trpc.crashes.inbox.queryKey() });
      },
    }),
  );
  const rows = (inbox.data?.rows ?? []) as GroupRow[];
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(0);
    };

  const columns: Column<GroupRow>[] = [
    ...(canTriage
      ? [
          {
            key: "select",
            header: "",
            className: "w-8",
            cell: (g: GroupRow) => (
              <input
                type="checkbox"
                aria-label={`Select ${g.title}`}
                className="size-4 accent-[var(--accent)]"
                checked={selected.has(g.id)}
                onClick={(e) => e.stopPropagation()}
                onChange={(e) => {
                  const next = new Set(selected);
                  if (e.target.checked) next.add(g.id);
                  else next.delete(g.id);
                  setSelected(next);
                }}
              />
            ),
          },
        ]
      : []),
    {
      key: "title",
      header: "Crash",
      cell: (g) => (
        <div className="min-w-0">
          <Link
            href={`/o/${orgSlug}/crashes/${g.id}`}
            className="font-medium text-fg hover:underline"
            onClick={(e) => e.stopPropagation()}
          >
            {g.title}
          </Link>
          <div className="mt-0.5 flex flex-wrap gap-1">
            <Badge>{g.kind}</Badge>
            {g.module && g.module !== "-" ? <Badge tone="accent">{g.module}</Badge> : null}
            {g.kernels.slice(0, 2).map((k) => (
              <Badge key={k} className="font-mono font-normal">
                {k}
              </Badge>
            ))}
            {g.kernels.length > 2 ? <Badge>+{g.kernels.length - 2} kernels</Badge> : null}
          </div>
        </div>
      ),
    },
    {
      key: "crashCount",
      header: "Count",
      sortable: true,
      cell: (g) => <span className="font-medium">{g.crashCount}</span>,
    },
    { key: "hostCount", header: "Hosts", sortable: true, cell: (g) => g.hostCount },
    {
      key: "firstSeenAt",
      header: "First",
      sortable: true,
      className: "hidden lg:table-cell",
      cell: (g) => <span className="text-muted">{timeAgo(g.firstSeenAt)}</span>,
    },
    {
      key: "lastSeenAt",
      header: "Last",
      sortable: true,
      cell: (g) => <span className="whitespace-nowrap text-muted">{timeAgo(g.lastSeenAt)}</span>,
    },
    {
      key: "status",
      header: "Status",
      cell: (g) => <Badge tone={statusTone[g.status]}>{g.status}</Badge>,
    },
  ];

  const nothingYet =
    inbox.data?.total === 0 &&
    statusView === "open" &&
    kind === ANY &&
    module === ANY &&
    kernel === ANY &&
    (facets.data?.statuses.length ?? 0) === 0;
  if (nothingYet) {
    return (
      <EmptyState icon={Bug} title="No crashes collected">
        <p>
          Agents pick up kdump’s{" "}
          <code className="rounded bg-surface-2 px-1 font-mono text-xs">vmcore-dmesg.txt</code>,
          pstore records and the previous boot’s kernel log, and send each oops here. Duplicates
          fold into one group you can assign, comment on and mark fixed. Nothing has crashed yet —
          or no agent is enrolled.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <Select
          label="Status"
          value={statusView}
          onValueChange={reset(setStatusView)}
          options={[
            { value: "open", label: "Open (new, triaged, regressed)" },
            { value: ANY, label: "Any status" },
            ...STATUSES.map((s) => ({ value: s, label: s })),
          ]}
        />
        <Select
          label="Kind"
          value={kind}
          onValueChange={reset(setKind)}
          options={[
            { value: ANY, label: "Any kind" },
            ...(facets.data?.kinds ?? []).map((k) => ({
              value: k.value,
              label: `${k.value} (${k.count})`,
            })),
          ]}
        />
        <Select
          label="Module"
          value={module}
          onValueChange={reset(setModule)}
          options={[
            { value: ANY, label: "Any module" },
            ...(facets.data?.modules ?? []).map((m) => ({
              value: m.value,
              label: `${m.value === "-" ? "built-in" : m.value} (${m.count})`,
            })),
          ]}
        />
        <Select
          label="Kernel"
          value={kernel}
          onValueChange={reset(setKernel)}
          options={[
            { value: ANY, label: "Any kernel" },
            ...(facets.data?.kernels ?? []).map((k) => ({
              value: k.value,
              label: `${k.value} (${k.count})`,
            })),
          ]}
        />
      </div>
      {canTriage && selected.size > 0 ? (
        <div
          className="flex flex-wrap items-center gap-2 rounded-md border border-border bg-surface px-3 py-2 text-sm"
          role="toolbar"
          aria-label="Bulk actions"
        >
          <span className="text-muted">{selected.size} selected: mark as</span>
          {STATUSES.filter((s) => s !== "regressed").map((s) => (
            <Button
              key={s}
              size="sm"
              loading={bulk.isPending && bulk.variables?.status === s}
              onClick={() => bulk.mutate({ groupIds: [...selected], status: s })}
            >
              {s}
            </Button>
          ))}
        </div>
      ) : null}
      <DataTable
        caption="Crash groups"
        columns={columns}
        rows={rows}
        rowKey={(g) => g.id}
        sort={sort}
        onSortChange={reset(setSort)}
        loading={inbox.isFetching && inbox.isPlaceholderData}
        page={{ index: page, size: PAGE, total: inbox.data?.total ?? 0, onChange: setPage }}
        empty="No crash group matches these filters."
      />
    </div>
  );
}
