export type { RequiredFeatures } from "./compile/features";
export {
  type Argv,
  type CompiledPolicy,
  type CompileOptions,
  type CompileResult,
  compilePolicy,
  type DevicePlan,
} from "./compile/index";
export type { DeviceTree } from "./compile/tree";
export { diffPolicies } from "./diff";
export { PLACEHOLDER_HANDLE } from "./handles";
export { type Action, actionSchema, type Filter, filterSchema } from "./model/filter";
export { type HtbClass, htbClassSchema, htbSchema } from "./model/classful";
export { type LeafQdisc, leafQdiscSchema } from "./model/leaf";
export {
  type Egress,
  egressSchema,
  type Ingress,
  type InterfaceRule,
  ingressSchema,
  interfaceRuleSchema,
  POLICY_SPEC_VERSION,
  type PolicySpec,
  type PolicySpecInput,
  policySpecSchema,
} from "./model/policy";
export { percentSchema, rateSchema, sizeSchema, timeSchema } from "./model/primitives";
export { interfaceNameProblem, isSafeToken, SAFE_TOKEN } from "./names";
export { type PresetId, presetCatalog, presets } from "./presets";
export { renderBatch, UnsafeTokenError } from "./render";
export { compareState } from "./state/compare";
export { parseTcState, snapshotCommands, type TcSnapshot } from "./state/parse";
export { printedSizeOption } from "./state/tc-text";
export type { ClassState, DeviceState, FilterState, QdiscState } from "./state/types";
export {
  formatPercent,
  formatRate,
  formatSize,
  formatTime,
  parsePercent,
  parseRate,
  parseSize,
  parseTime,
  tcRate,
  tcSize,
  tcTime,
  UnitError,
} from "./units";
export { minimumBurst } from "./validate/burst";
export { type ValidationResult, validatePolicy } from "./validate/index";
export { formatIssue, type Issue } from "./validate/issue";
