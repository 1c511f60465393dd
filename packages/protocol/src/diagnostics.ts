import { z } from "zod";
import { hostFactsSchema, kernelModuleSchema } from "./facts";

/** The output of one external tool run by the agent (argv, exit status, what it printed). */
export const toolRunSchema = z.object({
  argv: z.array(z.string()),
  exitCode: z.number().int().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  /** The tool is missing on this host, or timed out. */
  error: z.string().nullable(),
  durationMs: z.number(),
});

/** `diagnostics.collect`: a snapshot for someone debugging the host remotely. */
export const diagnosticsBundleSchema = z.object({
  uname: z.string(),
  osRelease: z.record(z.string(), z.string()),
  modules: z.array(kernelModuleSchema),
  kdump: hostFactsSchema.shape.kdump,
  pstore: z.array(z.object({ name: z.string(), bytes: z.number().int() })),
  /** Per interface: `tc -s -j qdisc|class|filter show dev X`. */
  tc: z.record(
    z.string(),
    z.object({ qdisc: toolRunSchema, class: toolRunSchema, filter: toolRunSchema }),
  ),
  ipLink: toolRunSchema,
  kernelLog: z.array(z.string()),
  /** Per interface: `ethtool -i X` where ethtool exists. */
  ethtool: z.record(z.string(), toolRunSchema),
});

export type ToolRun = z.infer<typeof toolRunSchema>;
export type DiagnosticsBundle = z.infer<typeof diagnosticsBundleSchema>;
