export { createDb, type Db, type DbOptions, type Prisma as PrismaClient } from "./client";
export { Prisma, Role } from "./generated/prisma/client";
export type {
  AuditEvent,
  Membership,
  Organization,
  Session,
  User,
} from "./generated/prisma/client";
export {
  DatabaseConfigError,
  describeConnectionError,
  parseDatabaseUrl,
  withDatabase,
} from "./url";
