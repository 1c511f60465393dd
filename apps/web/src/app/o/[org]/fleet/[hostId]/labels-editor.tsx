"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { LabelList } from "@/components/fleet/labels";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc/react";

const asText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

export function LabelsEditor({
  hostId,
  labels,
  canEdit,
}: {
  hostId: string;
  labels: Record<string, string>;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(asText(labels));
  const save = useMutation(
    trpc.fleet.setLabels.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        return queryClient.invalidateQueries({ queryKey: trpc.fleet.host.queryKey({ hostId }) });
      },
    }),
  );
  if (!editing) {
    return (
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-muted">Labels</span>
        <LabelList labels={labels} max={20} />
        {canEdit ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setText(asText(labels));
              setEditing(true);
            }}
          >
            Edit
          </Button>
        ) : null}
      </div>
    );
  }
  return (
    <form
      className="flex flex-wrap items-start gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ hostId, labels: text });
      }}
    >
      <div className="min-w-64 flex-1">
        <Input
          aria-label="Labels"
          value={text}
          autoFocus
          onChange={(e) => setText(e.target.value)}
          placeholder="env=prod, site=fra1"
          aria-invalid={save.error ? true : undefined}
        />
        {save.error ? (
          <p className="mt-1 text-sm text-danger" role="alert">
            {save.error.message}
          </p>
        ) : (
          <p className="mt-1 text-xs text-muted">key=value pairs, separated by commas.</p>
        )}
      </div>
      <Button type="submit" variant="primary" loading={save.isPending}>
        Save
      </Button>
      <Button onClick={() => setEditing(false)}>Cancel</Button>
    </form>
  );
}
