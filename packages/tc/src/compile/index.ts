import type { PolicySpec } from "../model/policy";
import { type Issue, Reporter } from "../validate/issue";
import { validatePolicy } from "../validate/index";
import { type RequiredFeatures, requiredFeatures } from "./features";
import { lowerEgress, lowerIngress } from "./lower";
import { checkMirredTargets, resolveInterfaces } from "./resolve";
import { deviceBatch, deviceTeardown } from "./sequence";
import type { DeviceTree } from "./tree";

export type Argv = string[];

export interface DevicePlan {
  dev: string;
  tree: DeviceTree;
  teardown: Argv[];
  batch: Argv[];
}

/**
 * Apply on a host as: run `teardown` with `tc -force -batch` (its failures are
 * expected and ignored), make sure every `ifbDevices` entry exists and is up, then
 * run `batch` with plain `tc -batch`, which must succeed.
 */
export interface CompiledPolicy {
  devices: DevicePlan[];
  ifbDevices: string[];
  teardown: Argv[];
  batch: Argv[];
  features: RequiredFeatures;
}

export type CompileResult =
  | { ok: true; plan: CompiledPolicy; warnings: Issue[] }
  | { ok: false; errors: Issue[]; warnings: Issue[] };

export interface CompileOptions {
  /** The host's interface names; globs in the spec are resolved against them. */
  interfaces: readonly string[];
}

function treesFor(spec: PolicySpec, devices: string[], ruleIndex: number): DeviceTree[] {
  const rule = spec.rules[ruleIndex];
  if (!rule) return [];
  return devices.flatMap((dev) => {
    const own: DeviceTree = {
      dev,
      ...(rule.egress ? { egress: lowerEgress(rule.egress) } : {}),
      ...(rule.ingress ? { ingress: lowerIngress(rule.ingress) } : {}),
    };
    const ifb = rule.ingress?.ifb;
    // The IFB's tree goes first so redirected packets never meet a stale one.
    return ifb ? [{ dev: ifb.device, ifbFor: dev, egress: lowerEgress(ifb.egress) }, own] : [own];
  });
}

/** Validates `input`, binds it to the host's interfaces and emits the tc commands. */
export function compilePolicy(input: unknown, options: CompileOptions): CompileResult {
  const validation = validatePolicy(input);
  const { spec } = validation;
  if (!spec) return { ok: false, errors: validation.errors, warnings: validation.warnings };
  const r = new Reporter();
  r.warnings.push(...validation.warnings);
  const resolved = resolveInterfaces(spec, options.interfaces, r);
  checkMirredTargets(spec, options.interfaces, r);
  if (r.errors.length > 0) return { ok: false, errors: r.errors, warnings: r.warnings };
  const trees = resolved.flatMap(({ devices, ruleIndex }) => treesFor(spec, devices, ruleIndex));
  const devices = trees.map((tree) => ({
    dev: tree.dev,
    tree,
    teardown: deviceTeardown(tree),
    batch: deviceBatch(tree),
  }));
  const plan: CompiledPolicy = {
    devices,
    ifbDevices: trees.flatMap((t) => (t.ifbFor === undefined ? [] : [t.dev])),
    teardown: devices.flatMap((d) => d.teardown),
    batch: devices.flatMap((d) => d.batch),
    features: requiredFeatures(trees),
  };
  return { ok: true, plan, warnings: r.warnings };
}
