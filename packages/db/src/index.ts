export { type AuditInput, recordAudit } from "./audit";
export { createDb, type Db, type DbOptions, type Prisma as PrismaClient } from "./client";
export {
  AuthFactor,
  ChallengeKind,
  CommandState,
  CrashGroupStatus,
  HostStatus,
  Prisma,
  Role,
  RolloutHostState,
  RolloutState,
  WaveState,
} from "./generated/prisma/client";
export type {
  AuditEvent,
  Invite,
  LoginChallenge,
  Membership,
  Organization,
  RecoveryCode,
  Session,
  User,
} from "./generated/prisma/client";
export {
  DatabaseConfigError,
  describeConnectionError,
  parseDatabaseUrl,
  withDatabase,
} from "./url";
