"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";

/** Organization-wide crash collection: whether vmcores come along with every kdump report. */
export function CrashSettingsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const settings = useQuery(trpc.org.crashSettings.queryOptions());
  const save = useMutation(
    trpc.org.setCrashSettings.mutationOptions({
      onSuccess: (saved) => {
        toast({
          tone: "success",
          title: saved.collectVmcores ? "vmcores are collected" : "vmcores only on request",
        });
        return queryClient.invalidateQueries({ queryKey: trpc.org.crashSettings.queryKey() });
      },
      onError: (error) => toast({ tone: "error", title: "Not saved", description: error.message }),
    }),
  );
  return (
    <section className="max-w-2xl space-y-3" aria-labelledby="vmcores">
      <h2 id="vmcores" className="text-base font-semibold text-fg">
        vmcores
      </h2>
      <label className="flex items-start gap-3 text-sm text-fg">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-[var(--accent)]"
          checked={settings.data?.collectVmcores ?? false}
          disabled={!settings.data || save.isPending}
          onChange={(e) => save.mutate({ collectVmcores: e.target.checked })}
        />
        <span>
          <span className="font-medium">Upload each kdump vmcore with its crash report</span>
          <span className="mt-1 block text-muted">
            A vmcore holds the crashed kernel's whole memory: often gigabytes, and it may contain
            secrets. Left off, a dump stays on its host until someone asks for it with “Fetch
            vmcore” on the crash group; either way it travels in resumable, checksummed chunks.
          </span>
        </span>
      </label>
    </section>
  );
}
