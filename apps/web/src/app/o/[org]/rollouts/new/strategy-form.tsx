"use client";

import { Field } from "@/components/ui/input";

export interface StrategyForm {
  canary: string;
  waves: string;
  bakeMinutes: string;
  applyTimeoutSeconds: string;
  perWave: string;
  overall: string;
  approval: boolean;
  crashPolicy: "any" | "new_signature";
  rollbackOnAbort: boolean;
}

export const defaultStrategy: StrategyForm = {
  canary: "1",
  waves: "10, 50, 100",
  bakeMinutes: "10",
  applyTimeoutSeconds: "300",
  perWave: "0",
  overall: "0",
  approval: false,
  crashPolicy: "any",
  rollbackOnAbort: true,
};

/** The form as the API's strategy, or the first problem in plain words. */
export function toStrategy(
  f: StrategyForm,
): { ok: true; strategy: Record<string, unknown> } | { ok: false; problem: string } {
  const waves = f.waves.split(",").map((w) => Number(w.trim().replace("%", "")));
  if (waves.some((w) => !Number.isFinite(w) || w < 1 || w > 100))
    return { ok: false, problem: "Waves are percentages from 1 to 100, separated by commas." };
  if (waves.some((w, i) => i > 0 && w <= (waves[i - 1] ?? 0)))
    return {
      ok: false,
      problem: "Each wave's percentage must be above the previous one's (they are cumulative).",
    };
  const int = (v: string) => Number.parseInt(v, 10);
  if (!(int(f.canary) >= 0))
    return { ok: false, problem: "The canary is a number of hosts (0 for none)." };
  return {
    ok: true,
    strategy: {
      canary: { count: int(f.canary) },
      waves: waves.map((percent) => ({ percent })),
      bakeSeconds: Math.round(Number(f.bakeMinutes) * 60) || 0,
      applyTimeoutSeconds: Math.max(10, int(f.applyTimeoutSeconds) || 300),
      failureBudget: {
        perWave: { count: int(f.perWave) || 0 },
        overall: { count: int(f.overall) || 0 },
      },
      approvalBetweenWaves: f.approval,
      crashPolicy: f.crashPolicy,
      rollbackOnAbort: f.rollbackOnAbort,
    },
  };
}

export function StrategyFields({
  value,
  onChange,
}: {
  value: StrategyForm;
  onChange: (v: StrategyForm) => void;
}) {
  const set = (key: keyof StrategyForm) => (e: { target: { value: string } }) =>
    onChange({ ...value, [key]: e.target.value });
  const toggle = (key: "approval" | "rollbackOnAbort") => (e: { target: { checked: boolean } }) =>
    onChange({ ...value, [key]: e.target.checked });
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Field
        label="Canary hosts"
        type="number"
        min={0}
        value={value.canary}
        onChange={set("canary")}
      />
      <Field
        label="Waves (cumulative %)"
        value={value.waves}
        onChange={set("waves")}
        hint="e.g. 10, 50, 100"
      />
      <Field
        label="Bake time (minutes)"
        type="number"
        min={0}
        step="0.5"
        value={value.bakeMinutes}
        onChange={set("bakeMinutes")}
        hint="Watched after every host of a wave applied."
      />
      <Field
        label="Failures allowed per wave"
        type="number"
        min={0}
        value={value.perWave}
        onChange={set("perWave")}
      />
      <Field
        label="Failures allowed overall"
        type="number"
        min={0}
        value={value.overall}
        onChange={set("overall")}
      />
      <Field
        label="Report deadline (seconds)"
        type="number"
        min={10}
        value={value.applyTimeoutSeconds}
        onChange={set("applyTimeoutSeconds")}
        hint="Silence past it is a failure."
      />
      <label className="flex items-center gap-2 text-sm text-fg">
        <input
          type="checkbox"
          className="size-4 accent-[var(--accent)]"
          checked={value.approval}
          onChange={toggle("approval")}
        />{" "}
        Approve each wave by hand
      </label>
      <label className="flex items-center gap-2 text-sm text-fg">
        <input
          type="checkbox"
          className="size-4 accent-[var(--accent)]"
          checked={value.rollbackOnAbort}
          onChange={toggle("rollbackOnAbort")}
        />{" "}
        Roll back touched hosts on abort
      </label>
      <label className="flex items-center gap-2 text-sm text-fg">
        <input
          type="checkbox"
          className="size-4 accent-[var(--accent)]"
          checked={value.crashPolicy === "new_signature"}
          onChange={(e) =>
            onChange({ ...value, crashPolicy: e.target.checked ? "new_signature" : "any" })
          }
        />
        Only new crash signatures fail a host
      </label>
    </div>
  );
}
