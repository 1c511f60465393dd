"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Copy, Search, Server } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { LabelList } from "@/components/fleet/labels";
import { OnlineDot } from "@/components/fleet/online-dot";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { type Column, DataTable } from "@/components/ui/table";
import { timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";
import { type FleetFilters, useFleetFilters } from "./fleet-filters";

interface HostRow {
  id: string;
  name: string;
  online: boolean;
  labels: Record<string, string>;
  kernelRelease: string | null;
  osName: string | null;
  agentVersion: string | null;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
  possibleCloneOfId: string | null;
  dryRun: boolean;
}

const PAGE_SIZE = 50;
const ANY = "__any";

const columns: Column<HostRow>[] = [
  {
    key: "name",
    header: "Host",
    sortable: true,
    cell: (h) => (
      <span className="flex items-center gap-2.5">
        <OnlineDot online={h.online} revoked={h.revokedAt !== null} />
        <span className="font-medium text-fg">{h.name}</span>
        {h.possibleCloneOfId ? <Badge tone="warn">possible clone</Badge> : null}
        {h.dryRun ? <Badge>dry-run</Badge> : null}
      </span>
    ),
  },
  {
    key: "labels",
    header: "Labels",
    className: "hidden lg:table-cell",
    cell: (h) => <LabelList labels={h.labels} />,
  },
  {
    key: "kernelRelease",
    header: "Kernel",
    sortable: true,
    className: "hidden md:table-cell",
    cell: (h) => <span className="font-mono text-xs">{h.kernelRelease ?? "—"}</span>,
  },
  {
    key: "os",
    header: "Distribution",
    className: "hidden xl:table-cell",
    cell: (h) => <span className="text-muted">{h.osName ?? "—"}</span>,
  },
  {
    key: "agentVersion",
    header: "Agent",
    sortable: true,
    className: "hidden sm:table-cell",
    cell: (h) => <span className="font-mono text-xs text-muted">{h.agentVersion ?? "—"}</span>,
  },
  {
    key: "lastSeenAt",
    header: "Last seen",
    sortable: true,
    cell: (h) => (
      <span className="whitespace-nowrap text-muted">
        {h.lastSeenAt ? timeAgo(h.lastSeenAt) : "never"}
      </span>
    ),
  },
];

export function FleetTable({ orgSlug, canEnroll }: { orgSlug: string; canEnroll: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [filters, setFilters] = useFleetFilters();
  const [search, setSearch] = useState(filters.search);
  // Type-ahead search waits for a pause before asking the server.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (search !== filters.search) setFilters({ search });
    }, 250);
    return () => clearTimeout(timer);
  }, [search, filters.search, setFilters]);

  const facets = useQuery(trpc.fleet.facets.queryOptions(undefined, { refetchInterval: 15_000 }));
  const hosts = useQuery(
    trpc.fleet.hosts.queryOptions(
      {
        search: filters.search || undefined,
        status: filters.status || undefined,
        labels: filters.labels || undefined,
        kernel: filters.kernel || undefined,
        sort: filters.sort,
        direction: filters.direction,
        page: filters.page,
        pageSize: PAGE_SIZE,
      },
      { placeholderData: keepPreviousData, refetchInterval: 10_000 },
    ),
  );
  const filtered = Boolean(filters.search || filters.status || filters.labels || filters.kernel);
  if (!filtered && hosts.data?.total === 0)
    return <NoHosts orgSlug={orgSlug} canEnroll={canEnroll} />;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-muted">
        <span>
          <OnlineDot online className="mr-1.5" /> {facets.data?.online ?? "…"} online
        </span>
        <span>
          <OnlineDot online={false} className="mr-1.5" /> {facets.data?.offline ?? "…"} offline
        </span>
        {facets.data?.clones ? (
          <button
            type="button"
            className="text-warn hover:underline"
            onClick={() => setFilters({ status: "clone" })}
          >
            {facets.data.clones} possible clones
          </button>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative w-full sm:w-64">
          <Search
            className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-faint"
            aria-hidden
          />
          <Input
            aria-label="Search hosts by name"
            placeholder="Search hosts…"
            className="pl-8"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <Select
          label="Status"
          value={filters.status || ANY}
          onValueChange={(v) =>
            setFilters({ status: v === ANY ? "" : (v as FleetFilters["status"]) })
          }
          options={[
            { value: ANY, label: "Any status" },
            { value: "online", label: "Online" },
            { value: "offline", label: "Offline" },
            { value: "clone", label: "Possible clones" },
            { value: "revoked", label: "Revoked" },
          ]}
        />
        <Select
          label="Label"
          value={filters.labels || ANY}
          onValueChange={(v) => setFilters({ labels: v === ANY ? "" : v })}
          options={[
            { value: ANY, label: "Any label" },
            ...(facets.data?.labels ?? []).map((l) => ({
              value: l.value,
              label: `${l.value} (${l.count})`,
            })),
          ]}
        />
        <Select
          label="Kernel"
          value={filters.kernel || ANY}
          onValueChange={(v) => setFilters({ kernel: v === ANY ? "" : v })}
          options={[
            { value: ANY, label: "Any kernel" },
            ...(facets.data?.kernels ?? []).map((k) => ({
              value: k.value,
              label: `${k.value} (${k.count})`,
            })),
          ]}
        />
        {filtered ? (
          <Button
            variant="ghost"
            onClick={() => {
              setSearch("");
              setFilters({ search: "", status: "", labels: "", kernel: "" });
            }}
          >
            Clear filters
          </Button>
        ) : null}
      </div>
      <DataTable
        caption="Hosts"
        columns={columns}
        rows={(hosts.data?.rows ?? []) as HostRow[]}
        rowKey={(h) => h.id}
        loading={hosts.isFetching && hosts.isPlaceholderData}
        sort={{ key: filters.sort, direction: filters.direction }}
        onSortChange={(s) =>
          setFilters({ sort: s.key as FleetFilters["sort"], direction: s.direction })
        }
        page={{
          index: filters.page,
          size: PAGE_SIZE,
          total: hosts.data?.total ?? 0,
          onChange: (page) => setFilters({ page }),
        }}
        onRowClick={(h) => router.push(`/o/${orgSlug}/fleet/${h.id}`)}
        empty="No host matches these filters."
      />
    </div>
  );
}

function NoHosts({ orgSlug, canEnroll }: { orgSlug: string; canEnroll: boolean }) {
  return (
    <EmptyState
      icon={Server}
      title="No hosts enrolled yet"
      action={
        canEnroll ? (
          <Button asChild variant="primary">
            <Link href={`/o/${orgSlug}/settings?tab=tokens`}>
              <Copy className="size-4" /> Create an enrollment token
            </Link>
          </Button>
        ) : null
      }
    >
      <p>
        Hosts join by running{" "}
        <code className="rounded bg-surface-2 px-1 font-mono text-xs">fleetdeck-agent enroll</code>{" "}
        with a token.{" "}
        {canEnroll
          ? "Create a token; the dashboard shows the exact command to paste on each server."
          : "Ask an admin for an enrollment token."}
      </p>
    </EmptyState>
  );
}
