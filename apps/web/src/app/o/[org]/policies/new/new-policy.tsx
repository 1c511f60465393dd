"use client";

import { type PresetId, presetCatalog } from "@fleetdeck/tc";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { presetSource } from "@/components/policy/preset-form";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/input";
import { parseText } from "@/components/policy/spec-text";
import { useTRPC } from "@/lib/trpc/react";

export function NewPolicy({ orgSlug }: { orgSlug: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [preset, setPreset] = useState<PresetId>("shapeEgress");
  const create = useMutation(
    trpc.policies.create.mutationOptions({
      onSuccess: (p) => router.push(`/o/${orgSlug}/policies/${p.policyId}`),
    }),
  );

  return (
    <form
      className="max-w-3xl space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        const source = presetSource(preset);
        create.mutate({
          name,
          description,
          source,
          spec: parseText(source, "yaml"),
          message: `Started from the “${presetCatalog.find((p) => p.id === preset)?.title}” preset`,
        });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Name"
          required
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="edge-shaping"
          error={create.error?.message ?? null}
        />
        <Field
          label="Description (optional)"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder="Shape the uplink of fra1 edge routers"
        />
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-fg">Start from</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {presetCatalog.map((p) => (
            <label
              key={p.id}
              className={cn(
                "cursor-pointer rounded-lg border bg-surface p-4 transition-colors",
                preset === p.id
                  ? "border-accent ring-2 ring-ring/20"
                  : "border-border hover:border-border-strong",
              )}
            >
              <input
                type="radio"
                name="preset"
                value={p.id}
                checked={preset === p.id}
                onChange={() => setPreset(p.id)}
                className="sr-only"
              />
              <div className="text-sm font-medium text-fg">{p.title}</div>
              <div className="mt-1 text-sm text-muted">{p.description}</div>
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" variant="primary" loading={create.isPending}>
        Create policy
      </Button>
    </form>
  );
}
