"use client";

import type { PolicySpec } from "@fleetdeck/tc";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2, XCircle } from "lucide-react";
import { useDeferredValue, useMemo, useRef, useState } from "react";
import { PresetForm } from "@/components/policy/preset-form";
import {
  checkSpecText,
  describeChanges,
  formatDocument,
  formatIssue,
  type SpecFormat,
} from "@/components/policy/spec-text";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { Input } from "@/components/ui/input";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc/react";

interface Revision {
  id: string;
  number: number;
  spec: PolicySpec;
  source: string;
}

const detectFormat = (source: string): SpecFormat =>
  source.trimStart().startsWith("{") ? "json" : "yaml";

/** Finds the line a validation path points at, so a click on an issue puts the cursor there. */
function lineOf(text: string, path: string): number {
  const keys = path.split(/[ .]/).filter((k) => k && !/^\d+$/.test(k));
  const lines = text.split("\n");
  for (let k = keys.length - 1; k >= 0; k--) {
    const key = keys[k] as string;
    const index = lines.findIndex(
      (line) => line.includes(`${key}:`) || line.includes(`"${key}"`) || line.includes(key),
    );
    if (index >= 0) return index;
  }
  return 0;
}

export function SpecEditor({
  policyId,
  latest,
  canEdit,
}: {
  policyId: string;
  latest: Revision;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [format, setFormat] = useState<SpecFormat>(detectFormat(latest.source));
  const [text, setText] = useState(latest.source || formatDocument(latest.spec, "yaml"));
  const [message, setMessage] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Checking runs in the browser on every keystroke; React defers it behind typing.
  const deferred = useDeferredValue(text);
  const check = useMemo(() => checkSpecText(deferred, format), [deferred, format]);
  const changes = useMemo(
    () => describeChanges(latest.spec, check.spec),
    [latest.spec, check.spec],
  );
  const save = useMutation(
    trpc.policies.addRevision.mutationOptions({
      onSuccess: (r) => {
        toast({ tone: "success", title: `Saved revision ${r.number}` });
        setMessage("");
        return queryClient.invalidateQueries({
          queryKey: trpc.policies.get.queryKey({ policyId }),
        });
      },
      onError: (error) => toast({ tone: "error", title: "Not saved", description: error.message }),
    }),
  );

  function switchFormat(next: SpecFormat) {
    if (next === format) return;
    if (check.document !== null) setText(formatDocument(check.document, next));
    setFormat(next);
  }

  function jumpTo(path: string) {
    const el = textarea.current;
    if (!el) return;
    const line = lineOf(text, path);
    const offset = text.split("\n").slice(0, line).join("\n").length + (line > 0 ? 1 : 0);
    el.focus();
    el.setSelectionRange(offset, offset);
    el.scrollTop = Math.max(0, line * 20 - 60);
  }

  const valid = !check.syntaxError && check.errors.length === 0;
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <section aria-label="Specification" className="min-w-0 space-y-3">
        <Tabs defaultValue="text">
          <TabsList>
            <TabsTrigger value="text">Spec</TabsTrigger>
            {canEdit ? <TabsTrigger value="form">From a preset</TabsTrigger> : null}
          </TabsList>
          <TabsContent value="text" className="space-y-3 pt-3">
            <div className="flex items-center gap-2 text-sm">
              <span className="text-muted">Format</span>
              {(["yaml", "json"] as const).map((f) => (
                <button
                  key={f}
                  type="button"
                  aria-pressed={format === f}
                  onClick={() => switchFormat(f)}
                  className={`rounded px-2 py-0.5 font-mono text-xs uppercase ${format === f ? "bg-accent-soft text-accent" : "text-muted hover:text-fg"}`}
                >
                  {f}
                </button>
              ))}
            </div>
            <textarea
              ref={textarea}
              aria-label="Policy specification"
              spellCheck={false}
              readOnly={!canEdit}
              value={text}
              onChange={(e) => setText(e.target.value)}
              className="h-[28rem] w-full resize-y rounded-md border border-border-strong bg-surface p-3 font-mono text-[13px] leading-5 text-fg focus:border-accent focus:ring-2 focus:ring-ring/30 focus:outline-none"
            />
          </TabsContent>
          {canEdit ? (
            <TabsContent value="form" className="pt-3">
              <PresetForm
                onApply={(source) => {
                  setFormat("yaml");
                  setText(source);
                }}
              />
            </TabsContent>
          ) : null}
        </Tabs>
        <Issues check={check} onJump={jumpTo} />
        {canEdit ? (
          <form
            className="flex flex-wrap gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ policyId, spec: check.document, source: text, message });
            }}
          >
            <Input
              aria-label="What changed and why"
              placeholder="What changed and why"
              className="min-w-60 flex-1"
              value={message}
              onChange={(e) => setMessage(e.target.value)}
            />
            <Button
              type="submit"
              variant="primary"
              disabled={!valid || changes.length === 0 || !message.trim()}
              loading={save.isPending}
            >
              Save as revision {latest.number + 1}
            </Button>
          </form>
        ) : null}
      </section>
      <section aria-label="Preview" className="min-w-0 space-y-4">
        <div>
          <h2 className="mb-2 text-sm font-semibold text-fg">
            Changes from revision {latest.number}
          </h2>
          {changes.length === 0 ? (
            <p className="text-sm text-muted">
              {valid ? "No changes." : "Fix the errors to see the changes."}
            </p>
          ) : (
            <ul
              className="space-y-1 rounded-md border border-border bg-surface p-3 font-mono text-xs text-fg"
              aria-label="Semantic diff"
            >
              {changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h2 className="mb-2 text-sm font-semibold text-fg">tc commands</h2>
          {check.batch ? (
            <CodeBlock
              label="tc -batch (globs shown with a sample interface)"
              code={check.batch}
              className="max-h-[28rem] overflow-auto"
            />
          ) : (
            <p className="text-sm text-muted">Shown once the spec is valid.</p>
          )}
        </div>
      </section>
    </div>
  );
}

function Issues({
  check,
  onJump,
}: {
  check: ReturnType<typeof checkSpecText>;
  onJump: (path: string) => void;
}) {
  if (check.syntaxError) {
    return (
      <p
        role="alert"
        className="flex items-start gap-2 rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger"
      >
        <XCircle className="mt-0.5 size-4 shrink-0" /> Not valid: {check.syntaxError}
      </p>
    );
  }
  if (check.errors.length === 0 && check.warnings.length === 0) {
    return (
      <p className="flex items-center gap-2 text-sm text-ok" role="status">
        <CheckCircle2 className="size-4" /> Valid
      </p>
    );
  }
  return (
    <ul className="space-y-1" aria-label="Problems">
      {check.errors.map((issue) => (
        <li key={`e${issue.path}${issue.message}`}>
          <button
            type="button"
            onClick={() => onJump(issue.path)}
            className="flex w-full items-start gap-2 rounded-md bg-danger-soft px-3 py-1.5 text-left text-sm text-danger hover:underline"
          >
            <XCircle className="mt-0.5 size-4 shrink-0" /> {formatIssue(issue)}
          </button>
        </li>
      ))}
      {check.warnings.map((issue) => (
        <li
          key={`w${issue.path}${issue.message}`}
          className="flex items-start gap-2 rounded-md bg-warn-soft px-3 py-1.5 text-sm text-warn"
        >
          <AlertTriangle className="mt-0.5 size-4 shrink-0" /> {formatIssue(issue)}
        </li>
      ))}
    </ul>
  );
}
