"use client";

import { useQuery } from "@tanstack/react-query";
import { Rocket } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { useTRPC } from "@/lib/trpc/react";
import { label, rolloutTone } from "../../rollouts/state";

/**
 * The rollouts that had already reached a host of this group, and were not yet finished,
 * when that host crashed: "did the rollout bring this?" answered with links.
 */
export function RelatedRollouts({ groupId, orgSlug }: { groupId: string; orgSlug: string }) {
  const trpc = useTRPC();
  const rollouts = useQuery(trpc.rollouts.forCrashGroup.queryOptions({ groupId }));
  if (!rollouts.data || rollouts.data.length === 0) return null;
  return (
    <section className="space-y-2" aria-labelledby="rollouts">
      <h2 id="rollouts" className="text-sm font-semibold text-fg">
        Rollouts active when it crashed
      </h2>
      <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
        {rollouts.data.map((r) => (
          <li key={r.id} className="flex items-center gap-3 px-3 py-2 text-sm">
            <Rocket className="size-4 text-muted" aria-hidden />
            <Link
              className="font-medium text-fg hover:underline"
              href={`/o/${orgSlug}/rollouts/${r.id}`}
            >
              {r.name}
            </Link>
            <Badge tone={rolloutTone[r.state]}>{label(r.state)}</Badge>
            <span className="ml-auto text-muted">
              {r.crashes} crash{r.crashes === 1 ? "" : "es"} during it
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
