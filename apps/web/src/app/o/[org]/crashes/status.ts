import type { BadgeTone } from "@/components/ui/badge";

export const STATUSES = ["new", "triaged", "regressed", "fixed", "ignored"] as const;
export type GroupStatus = (typeof STATUSES)[number];

export const statusTone: Record<GroupStatus, BadgeTone> = {
  new: "accent",
  triaged: "neutral",
  regressed: "danger",
  fixed: "ok",
  ignored: "neutral",
};

/** "Open" is what needs a person: new, triaged and regressed. */
export const OPEN: GroupStatus[] = ["new", "triaged", "regressed"];
