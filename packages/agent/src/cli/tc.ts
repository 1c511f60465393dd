import { randomUUID } from "node:crypto";
import { compareState, compilePolicy, formatIssue, parseTcState, renderBatch } from "@fleetdeck/tc";
import { withoutStats } from "../tc/snapshot-command";
import { readPolicyFile, specHash } from "./tc-policy";
import { devsOf, localTc } from "./tc-local";
import {
  type CliCommand,
  type CliContext,
  CliError,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
} from "./types";

type Sub = (ctx: CliContext, file: string | undefined) => Promise<number>;

/** Compiles the file against --dev, else the file's own interface list, else the host's. */
async function compileFile(ctx: CliContext, file: string | undefined) {
  const policy = await readPolicyFile(file);
  const devs = devsOf(ctx);
  const interfaces =
    devs.length > 0
      ? devs
      : (policy.interfaces ?? (await (await localTc(ctx)).tc.hostInterfaces()));
  const compiled = compilePolicy(policy.spec, { interfaces });
  for (const w of compiled.warnings) ctx.io.stderr(`warning: ${formatIssue(w)}`);
  if (!compiled.ok) throw new CliError(compiled.errors.map(formatIssue).join("\n"));
  return { policy, plan: compiled.plan };
}

const render: Sub = async (ctx, file) => {
  const { plan } = await compileFile(ctx, file);
  const lines = ctx.values.teardown === true ? plan.teardown : plan.batch;
  ctx.io.stdout(renderBatch(lines).trimEnd());
  return EXIT_OK;
};

const apply: Sub = async (ctx, file) => {
  const policy = await readPolicyFile(file);
  const { tc } = await localTc(ctx);
  const input = {
    revisionId: randomUUID(),
    policyName: policy.name,
    hash: specHash(policy.spec),
    spec: policy.spec,
  };
  const outcome = await tc.apply(input, 0);
  ctx.io.stdout(JSON.stringify(outcome.output, null, 2));
  if (outcome.ok) return EXIT_OK;
  ctx.io.stderr(`fleetdeck-agent: ${outcome.error}`);
  return EXIT_FAILED;
};

const show: Sub = async (ctx) => {
  const devs = devsOf(ctx);
  if (devs.length === 0) throw new CliError("tc show needs --dev X", EXIT_USAGE);
  const { tc } = await localTc(ctx);
  const raws = await tc.tool.showMany(devs);
  const states = Object.fromEntries(raws.map((raw) => [raw.dev, withoutStats(parseTcState(raw))]));
  ctx.io.stdout(JSON.stringify(states, null, 2));
  return EXIT_OK;
};

const diff: Sub = async (ctx, file) => {
  const { plan } = await compileFile(ctx, file);
  const { tc } = await localTc(ctx);
  const raws = await tc.tool.showMany(plan.devices.map((d) => d.dev));
  const lines = plan.devices.flatMap((d, i) => {
    const raw = raws[i];
    return raw ? compareState(d.tree, parseTcState(raw)) : [`${d.dev}: not read`];
  });
  for (const line of lines) ctx.io.stdout(line);
  if (lines.length === 0) ctx.io.stdout("no differences");
  return lines.length === 0 ? EXIT_OK : EXIT_FAILED;
};

const SUBCOMMANDS: Record<string, Sub> = { render, apply, show, diff };

/** Like tcconfig's tcset/tcshow, for one host: the agent's own compiler and transaction. */
export const tcCommand: CliCommand = {
  summary: "render, apply, show or diff a tc policy on this host",
  usage: "tc render|apply|diff|show [POLICY.json] [--dev X ...] [--netns NS]",
  positionals: true,
  options: {
    dev: { type: "string", multiple: true },
    netns: { type: "string" },
    teardown: { type: "boolean" },
  },
  async run(ctx) {
    const [name, file, ...extra] = ctx.positionals;
    const sub = name === undefined ? undefined : SUBCOMMANDS[name];
    if (!sub)
      throw new CliError(
        `tc needs one of ${Object.keys(SUBCOMMANDS).join(", ")}\nusage: fleetdeck-agent ${this.usage}`,
        EXIT_USAGE,
      );
    if (extra.length > 0) throw new CliError(`unexpected ${extra.join(" ")}`, EXIT_USAGE);
    return sub(ctx, file);
  },
};
