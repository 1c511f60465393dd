"use client";

import Link from "next/link";
import { useState } from "react";
import { OnlineDot } from "@/components/fleet/online-dot";
import { Badge } from "@/components/ui/badge";
import { Select } from "@/components/ui/select";
import { type Column, DataTable } from "@/components/ui/table";
import { hostTone, label } from "../state";

interface Row {
  hostId: string;
  wave: number;
  state: string;
  reason: string | null;
  attempt: number;
  commandId: string | null;
  crashGroupId: string | null;
  host: { name: string; online: boolean; kernelRelease: string | null };
}

const PAGE = 50;
const ALL = "__all";

export function HostTable({ hosts, orgSlug }: { hosts: Row[]; orgSlug: string }) {
  const [state, setState] = useState(ALL);
  const [page, setPage] = useState(0);
  const rows = state === ALL ? hosts : hosts.filter((h) => h.state === state);
  const states = [...new Set(hosts.map((h) => h.state))];
  const columns: Column<Row>[] = [
    {
      key: "host",
      header: "Host",
      cell: (h) => (
        <span className="flex items-center gap-2">
          <OnlineDot online={h.host.online} />
          <Link
            className="font-medium text-fg hover:underline"
            href={`/o/${orgSlug}/fleet/${h.hostId}`}
          >
            {h.host.name}
          </Link>
        </span>
      ),
    },
    {
      key: "wave",
      header: "Wave",
      cell: (h) => (h.wave < 0 ? "—" : h.wave === 0 ? "canary" : h.wave),
    },
    {
      key: "state",
      header: "State",
      cell: (h) => <Badge tone={hostTone[h.state]}>{label(h.state)}</Badge>,
    },
    {
      key: "reason",
      header: "Why",
      className: "max-w-md",
      cell: (h) => (
        <span className="text-muted">
          {h.reason ?? ""}
          {h.crashGroupId ? (
            <Link
              className="ml-1 text-accent hover:underline"
              href={`/o/${orgSlug}/crashes/${h.crashGroupId}`}
            >
              crash group
            </Link>
          ) : null}
          {h.commandId ? (
            <Link
              className="ml-1 text-accent hover:underline"
              href={`/o/${orgSlug}/fleet/${h.hostId}`}
            >
              command result
            </Link>
          ) : null}
          {h.attempt > 1 ? <span className="ml-1">(attempt {h.attempt})</span> : null}
        </span>
      ),
    },
    {
      key: "kernel",
      header: "Kernel",
      className: "hidden lg:table-cell",
      cell: (h) => <span className="font-mono text-xs">{h.host.kernelRelease ?? ""}</span>,
    },
  ];
  return (
    <section aria-labelledby="hosts" className="space-y-2">
      <div className="flex items-center justify-between">
        <h2 id="hosts" className="text-sm font-semibold text-fg">
          Hosts
        </h2>
        <Select
          label="Host state"
          value={state}
          onValueChange={(v) => {
            setState(v);
            setPage(0);
          }}
          options={[
            { value: ALL, label: `All states (${hosts.length})` },
            ...states.map((s) => ({
              value: s,
              label: `${label(s)} (${hosts.filter((h) => h.state === s).length})`,
            })),
          ]}
        />
      </div>
      <DataTable
        caption="Hosts of this rollout"
        columns={columns}
        rows={rows.slice(page * PAGE, (page + 1) * PAGE)}
        rowKey={(h) => h.hostId}
        page={{ index: page, size: PAGE, total: rows.length, onChange: setPage }}
      />
    </section>
  );
}
