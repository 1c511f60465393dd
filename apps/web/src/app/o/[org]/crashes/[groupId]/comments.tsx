"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { timeAgo } from "@/lib/time";
import { useTRPC } from "@/lib/trpc/react";

export function Comments({
  groupId,
  comments,
  canComment,
}: {
  groupId: string;
  comments: { id: string; body: string; createdAt: Date; author: string }[];
  canComment: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const add = useMutation(
    trpc.crashes.comment.mutationOptions({
      onSuccess: () => {
        setBody("");
        return queryClient.invalidateQueries({
          queryKey: trpc.crashes.group.queryKey({ groupId }),
        });
      },
    }),
  );
  return (
    <section className="space-y-3" aria-labelledby="comments">
      <h2 id="comments" className="text-sm font-semibold text-fg">
        Comments
      </h2>
      {comments.length === 0 ? <p className="text-sm text-muted">No comments yet.</p> : null}
      <ul className="space-y-3">
        {comments.map((c) => (
          <li key={c.id} className="rounded-lg border border-border bg-surface px-4 py-3">
            <div className="text-xs text-muted">
              <span className="font-medium text-fg">{c.author}</span> · {timeAgo(c.createdAt)}
            </div>
            <p className="mt-1 text-sm whitespace-pre-wrap text-fg">{c.body}</p>
          </li>
        ))}
      </ul>
      {canComment ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate({ groupId, body });
          }}
        >
          <textarea
            aria-label="Add a comment"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            rows={3}
            placeholder="What did you find? Ctrl+Enter posts."
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && body.trim())
                add.mutate({ groupId, body });
            }}
            className="w-full rounded-md border border-border-strong bg-surface p-3 text-sm text-fg focus:border-accent focus:ring-2 focus:ring-ring/30 focus:outline-none"
          />
          {add.error ? <p className="text-sm text-danger">{add.error.message}</p> : null}
          <Button type="submit" disabled={!body.trim()} loading={add.isPending}>
            Comment
          </Button>
        </form>
      ) : null}
    </section>
  );
}
