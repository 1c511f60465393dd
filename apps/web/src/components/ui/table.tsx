"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";
import { Pagination } from "./pagination";

export interface Column<Row> {
  key: string;
  header: string;
  /** The server can order by this column. */
  sortable?: boolean;
  className?: string;
  cell: (row: Row) => ReactNode;
}

export interface SortState {
  key: string;
  direction: "asc" | "desc";
}

export interface DataTableProps<Row> {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  caption: string;
  sort?: SortState;
  onSortChange?: (sort: SortState) => void;
  /** Server-side pagination: the page of `rows` within `total`. */
  page?: { index: number; size: number; total: number; onChange: (index: number) => void };
  loading?: boolean;
  empty?: ReactNode;
  onRowClick?: (row: Row) => void;
}

export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  caption,
  sort,
  onSortChange,
  page,
  loading,
  empty,
  onRowClick,
}: DataTableProps<Row>) {
  return (
    <div className="overflow-hidden rounded-lg border border-border bg-surface">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-busy={loading || undefined}>
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-border bg-surface-2/60 text-xs font-medium tracking-wide text-muted uppercase">
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={cn("px-4 py-2.5 font-medium whitespace-nowrap", column.className)}
                  aria-sort={
                    sort?.key === column.key
                      ? sort.direction === "asc"
                        ? "ascending"
                        : "descending"
                      : undefined
                  }
                >
                  {column.sortable && onSortChange ? (
                    <SortButton column={column} sort={sort} onSortChange={onSortChange} />
                  ) : (
                    column.header
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={cn("divide-y divide-border", loading && "opacity-60")}>
            {rows.map((row) => (
              <tr
                key={rowKey(row)}
                className={cn(
                  "transition-colors hover:bg-surface-2/60",
                  onRowClick && "cursor-pointer",
                )}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
              >
                {columns.map((column) => (
                  <td key={column.key} className={cn("px-4 py-2.5 align-middle", column.className)}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && !loading ? (
          <div className="px-4 py-10 text-center text-sm text-muted">
            {empty ?? "Nothing here."}
          </div>
        ) : null}
      </div>
      {page ? <Pagination {...page} /> : null}
    </div>
  );
}

function SortButton<Row>({
  column,
  sort,
  onSortChange,
}: {
  column: Column<Row>;
  sort?: SortState;
  onSortChange: (s: SortState) => void;
}) {
  const active = sort?.key === column.key;
  const Icon = !active ? ArrowUpDown : sort.direction === "asc" ? ArrowUp : ArrowDown;
  return (
    <button
      type="button"
      className={cn("inline-flex items-center gap-1 uppercase hover:text-fg", active && "text-fg")}
      onClick={() =>
        onSortChange({
          key: column.key,
          direction: active && sort.direction === "asc" ? "desc" : "asc",
        })
      }
    >
      {column.header}
      <Icon className="size-3.5" aria-hidden />
    </button>
  );
}
