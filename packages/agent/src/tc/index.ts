/** The agent's tc subsystem; see README "tc". */
export { type AutoRestoreReporter, CommitConfirm } from "./confirm";
export { appliedRevisionForBoot, readHistory } from "./history";
export { type InterfaceLister, runnerInterfaces, sysfsInterfaces } from "./interfaces";
export { netnsRunner, type WrappingRunner, wrapFor } from "./netns-runner";
export { tcPaths } from "./paths";
export { type TcDryRunOutput, tcDryRunOutputSchema } from "./preflight";
export {
  type AppliedRecord,
  appliedRecordSchema,
  type HistoryLine,
  historyLineSchema,
  type SnapshotFile,
  snapshotFileSchema,
} from "./records";
export { type RestoreTarget, TcService, type TcServiceOptions, TcStateError } from "./service";
