"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "./button";

const number = new Intl.NumberFormat("en-US");

/** "51–100 of 10,000" with previous/next; the server does the paging. */
export function Pagination({
  index,
  size,
  total,
  onChange,
}: {
  index: number;
  size: number;
  total: number;
  onChange: (index: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / size));
  const first = total === 0 ? 0 : index * size + 1;
  const last = Math.min(total, (index + 1) * size);
  return (
    <nav
      className="flex items-center justify-between gap-4 border-t border-border px-4 py-2.5 text-sm text-muted"
      aria-label="Pagination"
    >
      <span>
        {number.format(first)}–{number.format(last)} of {number.format(total)}
      </span>
      <div className="flex items-center gap-2">
        <span className="hidden sm:inline">
          Page {number.format(index + 1)} of {number.format(pages)}
        </span>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => onChange(index - 1)}
          disabled={index <= 0}
          aria-label="Previous page"
        >
          <ChevronLeft className="size-4" />
        </Button>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => onChange(index + 1)}
          disabled={index + 1 >= pages}
          aria-label="Next page"
        >
          <ChevronRight className="size-4" />
        </Button>
      </div>
    </nav>
  );
}
