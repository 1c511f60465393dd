export { type CrashGroup, type Groupable, groupCrashes, groupKey, groupReason } from "./group";
export { parseKernelLog } from "./parse";
export {
  CRASH_KINDS,
  type CrashKind,
  type CrashReport,
  crashKindSchema,
  crashReportSchema,
  type Frame,
  frameSchema,
  SIGNATURE_VERSION,
  type Signature,
  signatureSchema,
  type Taint,
  taintSchema,
} from "./schema";
export { TAINT_FLAGS } from "./taint";
