"use client";

import { Check, Copy, Download } from "lucide-react";
import { useState } from "react";
import { Button } from "../ui/button";

/** Ten codes, shown once: copy, download, and an explicit "I saved them" before going on. */
export function RecoveryCodes({
  codes,
  onDone,
  doneLabel = "Continue to Fleetdeck",
}: {
  codes: string[];
  onDone: () => void;
  doneLabel?: string;
}) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const text = `Fleetdeck recovery codes (each works once)\n\n${codes.join("\n")}\n`;

  async function copy() {
    await navigator.clipboard.writeText(text);
    setCopied(true);
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "fleetdeck-recovery-codes.txt";
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        If you lose your phone, each of these codes signs you in once instead of an authenticator
        code. This is the only time they are shown.
      </p>
      <ol
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-2 rounded-lg border border-border bg-surface-2 p-4 font-mono text-sm"
      >
        {codes.map((code) => (
          <li key={code} className="text-fg">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex gap-2">
        <Button onClick={copy} size="sm">
          {copied ? <Check className="size-4 text-ok" /> : <Copy className="size-4" />}{" "}
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button onClick={download} size="sm">
          <Download className="size-4" /> Download .txt
        </Button>
      </div>
      <label className="flex items-start gap-2 text-sm text-fg">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-[var(--accent)]"
          checked={saved}
          onChange={(e) => setSaved(e.target.checked)}
        />
        I have saved these codes somewhere safe.
      </label>
      <Button
        variant="primary"
        className="w-full justify-center"
        disabled={!saved}
        onClick={onDone}
      >
        {doneLabel}
      </Button>
    </div>
  );
}
