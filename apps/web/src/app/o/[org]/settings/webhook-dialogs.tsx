"use client";

import { useMutation } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";

/** The plaintext secret, this one time, with the reason to copy it now. */
function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div className="space-y-4">
      {/* Wrapped, not scrolled: the whole secret stays in view, clear of the copy button. */}
      <CodeBlock
        label="Signing secret"
        code={secret}
        className="[&_pre]:break-all [&_pre]:whitespace-pre-wrap"
      />
      <p
        className="flex items-start gap-2 rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-warn"
        role="note"
      >
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <span>
          Copy it into your receiver now: it is not shown again. If it is lost, rotate the secret to
          get a new one.
        </span>
      </p>
      <div className="flex justify-end">
        <Button variant="primary" onClick={onDone}>
          I have copied it
        </Button>
      </div>
    </div>
  );
}

export function SetWebhookDialog({
  currentUrl,
  onClose,
  onSaved,
}: {
  currentUrl: string | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const trpc = useTRPC();
  const [url, setUrl] = useState(currentUrl ?? "");
  const save = useMutation(trpc.org.setWebhook.mutationOptions({ onSuccess: onSaved }));
  const replacing = currentUrl !== null;
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={save.data ? "Webhook saved" : replacing ? "Change the webhook URL" : "Add a webhook"}
        description={
          save.data
            ? `Rollout events now go to ${save.data.url}, signed with this secret.`
            : "Fleetdeck POSTs signed JSON to this URL on every rollout state change."
        }
      >
        {save.data ? (
          <SecretOnce secret={save.data.secret} onDone={onClose} />
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ url });
            }}
          >
            <Field
              label="Payload URL"
              type="text"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              required
              autoFocus
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://hooks.example.com/fleetdeck"
              error={save.error?.message}
              hint="https:// is required; http:// works only for localhost and 127.0.0.1."
            />
            {replacing ? (
              <p className="text-sm text-muted">
                Saving also issues a new signing secret: the current one stops working at once.
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Button onClick={onClose}>Cancel</Button>
              <Button type="submit" variant="primary" loading={save.isPending}>
                Save webhook
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

export function RotateSecretDialog({
  onClose,
  onRotated,
}: {
  onClose: () => void;
  onRotated: () => void;
}) {
  const trpc = useTRPC();
  const rotate = useMutation(
    trpc.org.rotateWebhookSecret.mutationOptions({ onSuccess: onRotated }),
  );
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={rotate.data ? "New signing secret" : "Rotate the signing secret?"}
        description={
          rotate.data
            ? "Events from now on are signed with this secret."
            : "The current secret stops working at once: events fail verification until your receiver has the new one."
        }
      >
        {rotate.data ? (
          <SecretOnce secret={rotate.data.secret} onDone={onClose} />
        ) : (
          <>
            {rotate.error ? (
              <p className="text-sm text-danger" role="alert">
                {rotate.error.message}
              </p>
            ) : null}
            <div className="mt-5 flex justify-end gap-2">
              <Button onClick={onClose}>Cancel</Button>
              <Button variant="primary" loading={rotate.isPending} onClick={() => rotate.mutate()}>
                Rotate secret
              </Button>
            </div>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}

export function RemoveWebhookDialog({
  url,
  onClose,
  onRemoved,
}: {
  url: string;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const remove = useMutation(
    trpc.org.removeWebhook.mutationOptions({
      onSuccess: () => {
        toast({ tone: "success", title: "Webhook removed" });
        onRemoved();
        onClose();
      },
    }),
  );
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title="Remove the webhook?"
        description={`Rollout events stop going to ${url}. The URL and its secret are deleted.`}
        footer={
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="danger" loading={remove.isPending} onClick={() => remove.mutate()}>
              Remove webhook
            </Button>
          </>
        }
      >
        {remove.error ? (
          <p className="text-sm text-danger" role="alert">
            {remove.error.message}
          </p>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
