"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

export interface FleetFilters {
  search: string;
  status: "" | "online" | "offline" | "revoked" | "clone";
  labels: string;
  kernel: string;
  sort: "name" | "lastSeenAt" | "kernelRelease" | "agentVersion" | "enrolledAt";
  direction: "asc" | "desc";
  page: number;
}

/** Filters live in the URL: a filtered fleet view is a link you can share. */
export function useFleetFilters(): [FleetFilters, (change: Partial<FleetFilters>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters: FleetFilters = {
    search: params.get("q") ?? "",
    status: (params.get("status") as FleetFilters["status"]) ?? "",
    labels: params.get("labels") ?? "",
    kernel: params.get("kernel") ?? "",
    sort: (params.get("sort") as FleetFilters["sort"]) ?? "name",
    direction: params.get("dir") === "desc" ? "desc" : "asc",
    page: Number(params.get("page") ?? 0) || 0,
  };
  const update = useCallback(
    (change: Partial<FleetFilters>) => {
      const next = { ...filters, ...change };
      if (!("page" in change)) next.page = 0;
      const query = new URLSearchParams();
      if (next.search) query.set("q", next.search);
      if (next.status) query.set("status", next.status);
      if (next.labels) query.set("labels", next.labels);
      if (next.kernel) query.set("kernel", next.kernel);
      if (next.sort !== "name") query.set("sort", next.sort);
      if (next.direction !== "asc") query.set("dir", next.direction);
      if (next.page) query.set("page", String(next.page));
      router.replace(`${pathname}${query.size ? `?${query}` : ""}`, { scroll: false });
    },
    [filters, pathname, router],
  );
  return [filters, update];
}
