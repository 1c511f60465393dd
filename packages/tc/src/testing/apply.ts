import type { CompiledPolicy } from "../compile/index";
import { renderBatch } from "../render";
import { parseQdiscs, snapshotCommands, type TcSnapshot } from "../state/parse";
import type { Netns } from "./netns";

/** What the agent does: IFBs up, teardown with -force (failures expected), then the batch. */
export async function applyPlan(
  ns: Netns,
  plan: CompiledPolicy,
): Promise<{ ok: boolean; stderr: string }> {
  for (const ifb of plan.ifbDevices) {
    await ns.ip(["link", "add", "name", ifb, "type", "ifb"]).catch(() => undefined);
    await ns.ip(["link", "set", "dev", ifb, "up"]);
  }
  if (plan.teardown.length > 0) await ns.batch(renderBatch(plan.teardown), true);
  return ns.batch(renderBatch(plan.batch));
}

/** Reads a device the way the agent would: qdiscs first, to know how to list ingress filters. */
export async function snapshotDevice(ns: Netns, dev: string): Promise<TcSnapshot> {
  const qdisc = await ns.tc(["-j", "-s", "qdisc", "show", "dev", dev]);
  const slot = parseQdiscs(qdisc).find((q) => q.kind === "ingress" || q.kind === "clsact");
  const kind = slot?.kind === "ingress" || slot?.kind === "clsact" ? slot.kind : undefined;
  const cmds = snapshotCommands(dev, kind);
  return {
    dev,
    qdisc,
    class: await ns.tc(cmds.class),
    filter: await ns.tc(cmds.filter),
    ...(cmds.ingressFilter ? { ingressFilter: await ns.tc(cmds.ingressFilter) } : {}),
  };
}
