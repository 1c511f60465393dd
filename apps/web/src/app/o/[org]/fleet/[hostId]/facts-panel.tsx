import type { HostFacts } from "@fleetdeck/protocol";
import { formatBytes, formatUptime } from "@/components/fleet/format";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/time";

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-muted uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-fg">{children}</dd>
    </div>
  );
}

export function FactsPanel({
  facts,
  updatedAt,
  machineId,
}: {
  facts: HostFacts;
  updatedAt: Date | null;
  machineId: string;
}) {
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-border bg-surface p-5 md:grid-cols-4">
        <Item label="Hostname">{facts.hostname}</Item>
        <Item label="Kernel">
          <span className="font-mono text-xs">{facts.kernelRelease}</span>
        </Item>
        <Item label="Distribution">{facts.os.prettyName ?? "—"}</Item>
        <Item label="Architecture">{facts.arch}</Item>
        <Item label="CPUs">{facts.cpus}</Item>
        <Item label="Memory">{formatBytes(facts.memoryBytes)}</Item>
        <Item label="Uptime">{formatUptime(facts.uptimeSeconds)}</Item>
        <Item label="iproute2">{facts.iproute2Version ?? "not found"}</Item>
        <Item label="kdump">
          {facts.kdump.armed ? (
            <Badge tone="ok">armed</Badge>
          ) : (
            <Badge tone="warn">not armed</Badge>
          )}{" "}
          {facts.kdump.crashkernel ? (
            <span className="font-mono text-xs">crashkernel={facts.kdump.crashkernel}</span>
          ) : null}
        </Item>
        <Item label="pstore">{facts.pstoreBackend ?? "none"}</Item>
        <Item label="Boot id">
          <span className="font-mono text-xs">{facts.bootId}</span>
        </Item>
        <Item label="Machine id">
          <span className="font-mono text-xs">{machineId}</span>
        </Item>
      </dl>
      <section>
        <h2 className="mb-2 text-sm font-semibold text-fg">Network interfaces</h2>
        <div className="overflow-x-auto rounded-lg border border-border bg-surface">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-border text-xs text-muted uppercase">
              <tr>
                {["Name", "State", "MAC", "Driver", "Speed", "MTU", "TX queues"].map((h) => (
                  <th key={h} className="px-4 py-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {facts.nics.map((n) => (
                <tr key={n.name}>
                  <td className="px-4 py-2 font-mono text-xs">{n.name}</td>
                  <td className="px-4 py-2">{n.operState ?? "—"}</td>
                  <td className="px-4 py-2 font-mono text-xs">{n.mac ?? "—"}</td>
                  <td className="px-4 py-2">{n.driver ?? "—"}</td>
                  <td className="px-4 py-2">{n.speedMbps ? `${n.speedMbps} Mbit/s` : "—"}</td>
                  <td className="px-4 py-2">{n.mtu ?? "—"}</td>
                  <td className="px-4 py-2">{n.txQueues ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2 className="mb-2 text-sm font-semibold text-fg">
          Loaded modules ({facts.modules.length})
        </h2>
        <div className="max-h-80 overflow-auto rounded-lg border border-border bg-surface">
          <table className="w-full text-left text-sm">
            <thead className="sticky top-0 border-b border-border bg-surface text-xs text-muted uppercase">
              <tr>
                <th className="px-4 py-2 font-medium">Module</th>
                <th className="px-4 py-2 font-medium">Refcount</th>
                <th className="px-4 py-2 font-medium">Used by</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {facts.modules.map((m) => (
                <tr key={m.name}>
                  <td className="px-4 py-1.5 font-mono text-xs">{m.name}</td>
                  <td className="px-4 py-1.5">{m.refcount}</td>
                  <td className="px-4 py-1.5 font-mono text-xs text-muted">
                    {m.holders.join(", ") || "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {facts.modules.length === 0 ? (
            <p className="p-4 text-sm text-muted">
              No loadable modules (a monolithic kernel, or /proc/modules is absent).
            </p>
          ) : null}
        </div>
      </section>
      {updatedAt ? (
        <p className="text-xs text-faint">Facts reported {formatDateTime(updatedAt)}.</p>
      ) : null}
    </div>
  );
}
