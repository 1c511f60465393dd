"use client";

import { Download } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

/** The raw log with the crash's lines highlighted and scrolled into view, and a download. */
export function RawLog({
  crashId,
  lines,
}: {
  crashId: string;
  lines: { start: number; end: number };
}) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const url = `/api/crashes/${crashId}/raw`;
  useEffect(() => {
    fetch(url)
      .then(async (res) =>
        res.ok
          ? setText(await res.text())
          : setError(
              res.status === 410 ? "The raw text was not kept (flood cap)." : `HTTP ${res.status}`,
            ),
      )
      .catch(() => setError("Could not load the raw log."));
  }, [url]);
  // Scroll the log box (not the page) to the first highlighted line.
  useEffect(() => {
    if (box.current && first.current)
      box.current.scrollTop = Math.max(0, first.current.offsetTop - box.current.offsetTop - 40);
  }, [text]);
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold text-fg">Raw log</h2>
        <Button asChild size="sm">
          <a href={`${url}?download=1`}>
            <Download className="size-4" /> Download
          </a>
        </Button>
      </div>
      {error ? <p className="text-sm text-muted">{error}</p> : null}
      {text ? (
        <div
          ref={box}
          className="relative max-h-96 overflow-auto rounded-lg border border-border bg-surface-2 py-2 font-mono text-xs leading-5"
        >
          {text.split(/\r?\n/).map((line, index) => {
            const n = index + 1;
            const inside = n >= lines.start && n <= lines.end;
            return (
              <div
                key={n}
                ref={n === lines.start ? first : undefined}
                className={cn(
                  "flex gap-3 px-3 whitespace-pre",
                  inside ? "bg-warn-soft text-fg" : "text-muted",
                )}
              >
                <span className="w-10 shrink-0 text-right text-faint select-none">{n}</span>
                <span>{line}</span>
              </div>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
