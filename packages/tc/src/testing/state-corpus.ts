import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TcSnapshot } from "../state/parse";

/**
 * fixtures/state/<case>/: meta.json ({ source, golden, devices }) and per device
 * <dev>.qdisc.json, <dev>.class.txt, <dev>.filter.json, optional
 * <dev>.ingress-filter.json, and <dev>.state.json (the expected parse).
 */
export const stateDir = fileURLToPath(new URL("../../fixtures/state", import.meta.url));

export interface StateCase {
  name: string;
  dir: string;
  source: string;
  golden: string;
  snapshots: TcSnapshot[];
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

export function loadStateCases(): StateCase[] {
  return readdirSync(stateDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const dir = path.join(stateDir, name);
      const meta = JSON.parse(readFileSync(path.join(dir, "meta.json"), "utf8")) as {
        source: string;
        golden: string;
        devices: string[];
      };
      const snapshots = meta.devices.map((dev): TcSnapshot => {
        const f = (suffix: string) => read(path.join(dir, `${dev}.${suffix}`));
        const ingressFilter = f("ingress-filter.json");
        return {
          dev,
          qdisc: f("qdisc.json") ?? "[]",
          class: f("class.txt") ?? "",
          filter: f("filter.json") ?? "",
          ...(ingressFilter === undefined ? {} : { ingressFilter }),
        };
      });
      return { name, dir, source: meta.source, golden: meta.golden, snapshots };
    });
}
