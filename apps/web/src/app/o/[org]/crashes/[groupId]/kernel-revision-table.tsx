import Link from "next/link";

interface CrashRef {
  policyRevision: { id: string; number: number; policy: { id: string; name: string } } | null;
}

/** Crashes by kernel × policy revision applied in the crashed boot: "did a policy change bring this?" */
export function KernelRevisionTable({
  rows,
  crashes,
  orgSlug,
}: {
  rows: { kernel: string | null; revisionId: string | null; count: number }[];
  crashes: CrashRef[];
  orgSlug: string;
}) {
  const revisions = new Map(
    crashes
      .filter((c) => c.policyRevision)
      .map((c) => [c.policyRevision?.id as string, c.policyRevision]),
  );
  const kernels = [...new Set(rows.map((r) => r.kernel ?? "unknown"))].sort();
  const columns = [...new Set(rows.map((r) => r.revisionId))];
  const label = (id: string | null) => {
    const revision = id ? revisions.get(id) : null;
    if (!revision) return id ? "a deleted revision" : "no policy";
    return (
      <Link href={`/o/${orgSlug}/policies/${revision.policy.id}`} className="hover:underline">
        {revision.policy.name} #{revision.number}
      </Link>
    );
  };
  return (
    <section className="space-y-2" aria-labelledby="attribution">
      <h2 id="attribution" className="text-sm font-semibold text-fg">
        Kernel × policy at crash
      </h2>
      <div className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-border text-xs text-muted">
            <tr>
              <th className="px-3 py-2 font-medium">Kernel</th>
              {columns.map((c) => (
                <th key={c ?? "none"} className="px-3 py-2 font-medium">
                  {label(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {kernels.map((k) => (
              <tr key={k}>
                <td className="px-3 py-1.5 font-mono text-xs">{k}</td>
                {columns.map((c) => (
                  <td key={c ?? "none"} className="px-3 py-1.5">
                    {rows.find((r) => (r.kernel ?? "unknown") === k && r.revisionId === c)?.count ??
                      ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
