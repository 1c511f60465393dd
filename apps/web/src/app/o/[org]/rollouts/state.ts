import type { BadgeTone } from "@/components/ui/badge";

export const rolloutTone: Record<string, BadgeTone> = {
  draft: "neutral",
  running: "accent",
  paused: "warn",
  awaiting_approval: "warn",
  completed: "ok",
  aborted: "danger",
  rolling_back: "danger",
  rolled_back: "neutral",
};

export const hostTone: Record<string, BadgeTone> = {
  queued: "neutral",
  applying: "accent",
  verified: "ok",
  failed: "danger",
  offline: "danger",
  crashed: "danger",
  excluded: "neutral",
  rolling_back: "warn",
  rolled_back: "neutral",
  rollback_failed: "danger",
};

export const label = (state: string) => state.replaceAll("_", " ");
