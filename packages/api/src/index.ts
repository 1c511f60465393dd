export type { Context } from "./context";
export { AppError, type AppErrorCode } from "./errors";
export { type AppRouter, appRouter, createCaller } from "./root";
export { VERSION } from "./version";
export {
  getViewerBySessionToken,
  type Viewer,
  type ViewerMembership,
} from "./viewer/viewer.service";
