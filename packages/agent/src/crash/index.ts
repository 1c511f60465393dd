export { NoVmcoreError, type VmcoreQuery } from "./find-vmcore";
export {
  type CollectOutput,
  type CrashCommands,
  CrashService,
  type CrashServiceDeps,
} from "./service";
