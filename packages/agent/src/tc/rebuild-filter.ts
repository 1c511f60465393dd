import type { FilterState } from "@fleetdeck/tc";
import type { Rebuilt } from "./rebuild-qdisc";
import { burstFor, type TickClock } from "./tick-math";

/** Not exported by @fleetdeck/tc by name; the element type of a filter's actions. */
type ActionState = FilterState["actions"][number];

const hex8 = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, "0")}`;

function actionArgs(a: ActionState, clock: TickClock): Rebuilt {
  switch (a.kind) {
    case "mirred":
      return { ok: true, args: ["action", "mirred", a.direction, a.mode, "dev", a.device] };
    case "police": {
      if (a.rate === undefined || a.burst === undefined)
        return { ok: false, problem: "police action without rate or burst" };
      const verdicts = `${a.exceed ?? "reclassify"}/${a.conform ?? "ok"}`;
      const burst = burstFor(clock, a.rate / 8, a.burst);
      return {
        ok: true,
        args: [
          "action",
          "police",
          "rate",
          `${a.rate}bit`,
          "burst",
          `${burst}b`,
          "conform-exceed",
          verdicts,
        ],
      };
    }
    case "other":
      return { ok: false, problem: `cannot rebuild a ${a.name} action` };
    default:
      return a satisfies never;
  }
}

function classifierArgs(f: FilterState): Rebuilt {
  const target = f.classid ? ["classid", f.classid] : [];
  switch (f.kind) {
    case "u32": {
      const keys = (f.u32Keys ?? []).flatMap((k) => [
        "match",
        "u32",
        hex8(k.value),
        hex8(k.mask),
        "at",
        String(k.off),
      ]);
      return { ok: true, args: ["u32", ...keys, ...target] };
    }
    case "fw":
      if (!f.fwHandle) return { ok: false, problem: "fw filter without a handle" };
      return { ok: true, args: ["handle", f.fwHandle, "fw", ...target] };
    case "matchall":
      return { ok: true, args: ["matchall", ...target] };
    default:
      return { ok: false, problem: `cannot rebuild a ${f.kind} filter (prio ${f.prio})` };
  }
}

/**
 * argv after "filter add dev X <where>": u32 keys as raw value/mask/offset triples
 * (what the kernel holds, whatever shorthand created them), fw, matchall; mirred and
 * police actions.
 */
export function filterArgs(f: FilterState, clock: TickClock): Rebuilt {
  if (f.chain !== 0) return { ok: false, problem: `filter prio ${f.prio} is on chain ${f.chain}` };
  const cls = classifierArgs(f);
  if (!cls.ok) return cls;
  const args = ["protocol", f.protocol, "prio", String(f.prio), ...cls.args];
  for (const a of f.actions) {
    const act = actionArgs(a, clock);
    if (!act.ok) return act;
    args.push(...act.args);
  }
  return { ok: true, args };
}
