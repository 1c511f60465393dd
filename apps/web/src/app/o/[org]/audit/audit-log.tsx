"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { type Column, DataTable } from "@/components/ui/table";
import { formatDateTime, timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";

interface Row {
  id: string;
  createdAt: Date;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: unknown;
}

const ANY = "__any";
const PAGE_SIZE = 50;

function tone(action: string): BadgeTone {
  if (action.includes("failed")) return "danger";
  if (action.startsWith("auth.")) return "accent";
  if (/remove|reset|revoke/i.test(action)) return "warn";
  return "neutral";
}

function summary(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  const entries = Object.entries(details as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && v !== "",
  );
  return entries
    .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" ");
}

const columns: Column<Row>[] = [
  {
    key: "time",
    header: "When",
    cell: (r) => (
      <time
        dateTime={r.createdAt.toISOString()}
        title={formatDateTime(r.createdAt)}
        className="whitespace-nowrap text-muted"
      >
        {timeAgo(r.createdAt)}
      </time>
    ),
  },
  {
    key: "actor",
    header: "Who",
    cell: (r) => <span className="font-medium text-fg">{r.actorLabel}</span>,
  },
  { key: "action", header: "Action", cell: (r) => <Badge tone={tone(r.action)}>{r.action}</Badge> },
  {
    key: "details",
    header: "Details",
    className: "hidden md:table-cell max-w-sm",
    cell: (r) => (
      <span className="block truncate font-mono text-xs text-muted" title={summary(r.details)}>
        {[r.targetType && `${r.targetType}:${r.targetId?.slice(0, 8)}`, summary(r.details)]
          .filter(Boolean)
          .join(" ")}
      </span>
    ),
  },
  {
    key: "ip",
    header: "From",
    className: "hidden lg:table-cell",
    cell: (r) => <span className="font-mono text-xs text-muted">{r.ip ?? "—"}</span>,
  },
];

export function AuditLog() {
  const trpc = useTRPC();
  const [actor, setActor] = useState<string>(ANY);
  const [action, setAction] = useState<string>(ANY);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [page, setPage] = useState(0);
  const facets = useQuery(trpc.audit.facets.queryOptions());
  const events = useQuery(
    trpc.audit.list.queryOptions(
      {
        actorUserId: actor === ANY ? undefined : actor,
        action: action === ANY ? undefined : action,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(new Date(to).getTime() + 86_400_000) : undefined,
        page,
        pageSize: PAGE_SIZE,
      },
      { placeholderData: keepPreviousData, refetchInterval: 15_000 },
    ),
  );
  const reset = (fn: () => void) => {
    fn();
    setPage(0);
  };
  const filtered = actor !== ANY || action !== ANY || from || to;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <Select
          label="Who"
          value={actor}
          onValueChange={(v) => reset(() => setActor(v))}
          options={[
            { value: ANY, label: "Anyone" },
            ...(facets.data?.actors ?? []).map((a) => ({ value: a.id, label: a.name || a.email })),
          ]}
        />
        <Select
          label="Action"
          value={action}
          onValueChange={(v) => reset(() => setAction(v))}
          options={[
            { value: ANY, label: "Any action" },
            { value: "auth.", label: "All sign-in events" },
            ...(facets.data?.actions ?? []).map((a) => ({ value: a, label: a })),
          ]}
        />
        <div className="text-sm text-muted">
          <label htmlFor="audit-from">From</label>
          <Input
            id="audit-from"
            type="date"
            className="mt-1 w-40"
            value={from}
            onChange={(e) => reset(() => setFrom(e.target.value))}
          />
        </div>
        <div className="text-sm text-muted">
          <label htmlFor="audit-to">To</label>
          <Input
            id="audit-to"
            type="date"
            className="mt-1 w-40"
            value={to}
            onChange={(e) => reset(() => setTo(e.target.value))}
          />
        </div>
        {filtered ? (
          <Button
            variant="ghost"
            onClick={() =>
              reset(() => {
                setActor(ANY);
                setAction(ANY);
                setFrom("");
                setTo("");
              })
            }
          >
            Clear filters
          </Button>
        ) : null}
      </div>
      <DataTable
        caption="Audit events"
        columns={columns}
        rows={events.data?.rows ?? []}
        rowKey={(r) => r.id}
        loading={events.isFetching}
        page={{ index: page, size: PAGE_SIZE, total: events.data?.total ?? 0, onChange: setPage }}
        empty={
          filtered
            ? "No events match these filters."
            : "Nothing recorded yet. Sign-ins, invitations and every change appear here."
        }
      />
    </div>
  );
}
