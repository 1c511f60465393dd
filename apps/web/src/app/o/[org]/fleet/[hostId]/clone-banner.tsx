"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/react";

interface CloneInfo {
  id: string;
  possibleCloneOf: { id: string; name: string; enrolledAt: Date } | null;
  clones: { id: string; name: string }[];
}

/** A host that reported a machine-id already known here: never merged without a decision. */
export function CloneBanner({
  host,
  orgSlug,
  isAdmin,
}: {
  host: CloneInfo;
  orgSlug: string;
  isAdmin: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resolve = useMutation(
    trpc.fleet.resolveClone.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  if (host.clones.length > 0) {
    return (
      <div
        role="status"
        className="rounded-lg border border-warn/40 bg-warn-soft px-4 py-3 text-sm text-warn"
      >
        Another agent reported this host’s machine-id:{" "}
        {host.clones.map((c) => (
          <Link key={c.id} href={`/o/${orgSlug}/fleet/${c.id}`} className="font-medium underline">
            {c.name}
          </Link>
        ))}
        . It is kept as a separate host until an admin decides.
      </div>
    );
  }
  if (!host.possibleCloneOf) return null;
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-3 rounded-lg border border-warn/40 bg-warn-soft px-4 py-3 text-sm text-warn"
    >
      <Copy className="size-4 shrink-0" aria-hidden />
      <span className="flex-1">
        Possible clone of{" "}
        <Link
          href={`/o/${orgSlug}/fleet/${host.possibleCloneOf.id}`}
          className="font-medium underline"
        >
          {host.possibleCloneOf.name}
        </Link>
        : same machine-id, different key. A cloned VM would overwrite that host’s identity, so it
        was not merged.
      </span>
      {isAdmin ? (
        <span className="flex gap-2">
          <Button
            size="sm"
            loading={resolve.isPending && resolve.variables?.decision === "new_host"}
            onClick={() => resolve.mutate({ hostId: host.id, decision: "new_host" })}
          >
            Keep as a new host
          </Button>
          <Button
            size="sm"
            loading={resolve.isPending && resolve.variables?.decision === "rekey_original"}
            onClick={() => resolve.mutate({ hostId: host.id, decision: "rekey_original" })}
          >
            It is {host.possibleCloneOf.name}: re-key it
          </Button>
        </span>
      ) : null}
    </div>
  );
}
