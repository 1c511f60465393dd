import type { Argv, CompiledPolicy } from "@fleetdeck/tc";
import type { SlotKind } from "./tool";

/**
 * The stepwise transaction runs its teardown ("delete if present") with -force and
 * ignores what fails. Inside the single run (apply-once.ts) a failing line stops tc,
 * so each device's teardown is rewritten into lines that cannot fail, or that fail
 * only when a guess about the device was wrong (checked on the real kernel, see
 * teardown.netns.test.ts):
 *
 * - Root: `qdisc replace dev X root pfifo` then `qdisc del dev X root`. Without a
 *   handle the replace grafts a new pfifo (kernel-chosen handle) over the default
 *   root (noqueue, mq, pfifo_fast) or any tree, or changes a pfifo root in place; so
 *   the delete always finds a root of its own. (A fixed handle such as 7fff: is
 *   refused when a foreign tree already uses it below the root.)
 * - Ingress slot: nothing succeeds whatever it holds. `qdisc del dev X parent
 *   ffff:fff1` deletes ingress or clsact but fails on an empty slot; `qdisc replace
 *   dev X K` keeps an empty slot or K but fails on the other kind. The slot is
 *   guessed (what the tool read last, else the revision in force, else empty) and
 *   the line chosen fails exactly when the guess is wrong: the transaction then has
 *   its snapshot and goes on the stepwise way.
 *
 * Returns null when a line is not one of the teardown forms this knows.
 */
export function onceTeardown(
  teardown: readonly Argv[],
  guess: (dev: string) => SlotKind,
): Argv[] | null {
  const devs: string[] = [];
  const root = new Set<string>();
  const dels = new Map<string, Set<string>>();
  for (const argv of teardown) {
    const [what, verb, devWord, dev, slot, ...rest] = argv;
    if (what !== "qdisc" || verb !== "del" || devWord !== "dev" || !dev || rest.length > 0)
      return null;
    if (slot !== "root" && slot !== "ingress" && slot !== "clsact") return null;
    if (!devs.includes(dev)) devs.push(dev);
    if (slot === "root") root.add(dev);
    else dels.set(dev, (dels.get(dev) ?? new Set()).add(slot));
  }
  return devs.flatMap((dev) => [
    ...(root.has(dev) ? rootLines(dev) : []),
    ...slotLines(dev, dels.get(dev), guess(dev)),
  ]);
}

function rootLines(dev: string): Argv[] {
  return [
    ["qdisc", "replace", "dev", dev, "root", "pfifo"],
    ["qdisc", "del", "dev", dev, "root"],
  ];
}

function slotLines(dev: string, dels: Set<string> | undefined, guess: SlotKind): Argv[] {
  if (!dels) return [];
  const flush: Argv = ["qdisc", "del", "dev", dev, "parent", "ffff:fff1"];
  // Both kinds deleted: the slot must end empty.
  if (dels.size === 2) {
    if (guess !== "none") return [flush];
    return [
      ["qdisc", "replace", "dev", dev, "ingress"],
      ["qdisc", "del", "dev", dev, "ingress"],
    ];
  }
  // One kind deleted: the batch then replaces the other one (`keep`) into the slot.
  const keep = dels.has("ingress") ? "clsact" : "ingress";
  if (guess === "none" || guess === keep) return [["qdisc", "replace", "dev", dev, keep]];
  return [flush];
}

/** The guess for a device the tool has not read: the revision in force, else empty. */
export function slotGuess(
  last: (dev: string) => SlotKind | undefined,
  basePlan: CompiledPolicy | null,
): (dev: string) => SlotKind {
  return (dev) => {
    const seen = last(dev);
    if (seen) return seen;
    const tree = basePlan?.devices.find((d) => d.dev === dev)?.tree;
    return tree?.ingress?.kind ?? "none";
  };
}
