"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { useTRPC } from "@/lib/trpc/react";

export function HostActions({
  hostId,
  orgSlug,
  isAdmin,
  revoked,
}: {
  hostId: string;
  orgSlug: string;
  isAdmin: boolean;
  revoked: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirm, setConfirm] = useState<"revoke" | "delete" | null>(null);
  const revoke = useMutation(
    trpc.fleet.revoke.mutationOptions({ onSuccess: () => setConfirm(null) }),
  );
  const remove = useMutation(
    trpc.fleet.delete.mutationOptions({ onSuccess: () => router.push(`/o/${orgSlug}/fleet`) }),
  );
  if (!isAdmin) return null;
  const pending = revoke.isPending || remove.isPending;
  const error = revoke.error ?? remove.error;
  return (
    <>
      <div className="flex gap-2">
        {revoked ? null : (
          <Button size="sm" onClick={() => setConfirm("revoke")}>
            Revoke
          </Button>
        )}
        <Button size="sm" variant="ghost-danger" onClick={() => setConfirm("delete")}>
          Delete
        </Button>
      </div>
      {confirm ? (
        <Dialog open onOpenChange={(o) => !o && setConfirm(null)}>
          <DialogContent
            title={confirm === "revoke" ? "Revoke this host?" : "Delete this host?"}
            description={
              confirm === "revoke"
                ? "Its agent is refused from its next request on; history and facts stay. Enroll it again with a new token to bring it back."
                : "The host, its facts, timeline and command history are removed, and its agent is refused from its next request on."
            }
            footer={
              <>
                <Button onClick={() => setConfirm(null)}>Cancel</Button>
                <Button
                  variant="danger"
                  loading={pending}
                  onClick={() =>
                    confirm === "revoke" ? revoke.mutate({ hostId }) : remove.mutate({ hostId })
                  }
                >
                  {confirm === "revoke" ? "Revoke host" : "Delete host"}
                </Button>
              </>
            }
          >
            {error ? (
              <p className="text-sm text-danger" role="alert">
                {error.message}
              </p>
            ) : null}
          </DialogContent>
        </Dialog>
      ) : null}
    </>
  );
}
