"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CodeBlock } from "@/components/ui/code-block";
import { Select } from "@/components/ui/select";
import { formatDateTime } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";

interface RevisionRow {
  id: string;
  number: number;
  message: string;
  author: string;
  createdAt: Date;
}

/** Every revision, and the difference between any two of them. */
export function RevisionHistory({ revisions }: { revisions: RevisionRow[] }) {
  const trpc = useTRPC();
  const [from, setFrom] = useState(revisions[1]?.id ?? revisions[0]?.id ?? "");
  const [to, setTo] = useState(revisions[0]?.id ?? "");
  const diff = useQuery({
    ...trpc.policies.diff.queryOptions({ fromRevisionId: from, toRevisionId: to }),
    enabled: Boolean(from && to && from !== to),
  });
  const options = revisions.map((r) => ({
    value: r.id,
    label: `#${r.number} ${r.message.slice(0, 40)}`,
  }));
  return (
    <section aria-labelledby="history" className="space-y-4">
      <h2 id="history" className="text-base font-semibold text-fg">
        Revision history
      </h2>
      <ol className="divide-y divide-border rounded-lg border border-border bg-surface">
        {revisions.map((r) => (
          <li key={r.id} className="flex flex-wrap items-baseline gap-x-3 px-4 py-2.5 text-sm">
            <span className="font-mono text-muted">#{r.number}</span>
            <span className="text-fg">{r.message || "no message"}</span>
            <span className="ml-auto text-xs text-muted">
              {r.author} · {formatDateTime(r.createdAt)}
            </span>
          </li>
        ))}
      </ol>
      {revisions.length > 1 ? (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-muted">Compare</span>
            <Select label="From revision" value={from} onValueChange={setFrom} options={options} />
            <span className="text-muted">with</span>
            <Select label="To revision" value={to} onValueChange={setTo} options={options} />
          </div>
          {diff.data ? (
            <div className="space-y-3">
              <ul
                className="space-y-1 rounded-md border border-border bg-surface p-3 font-mono text-xs text-fg"
                aria-label="Differences between revisions"
              >
                {diff.data.changes.length === 0 ? (
                  <li className="text-muted">The two revisions are the same.</li>
                ) : (
                  diff.data.changes.map((c) => <li key={c}>{c}</li>)
                )}
              </ul>
              <div className="grid gap-3 lg:grid-cols-2">
                <CodeBlock
                  label={`#${diff.data.from} tc commands`}
                  code={diff.data.fromBatch}
                  className="max-h-72 overflow-auto"
                />
                <CodeBlock
                  label={`#${diff.data.to} tc commands`}
                  code={diff.data.toBatch}
                  className="max-h-72 overflow-auto"
                />
              </div>
            </div>
          ) : from === to ? (
            <p className="text-sm text-muted">Pick two different revisions.</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
