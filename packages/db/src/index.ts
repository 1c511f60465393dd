export { createDb, type Db, type DbOptions, type Prisma as PrismaClient } from "./client";
export { Prisma, Role } from "./generated/prisma/client";
export type { AuditEvent, Membership, Organization, User } from "./generated/prisma/client";
export { defaultMigrationsDir, findRepoRoot, readMigrations } from "./migrate/migrations-dir";
export { migrate, MigrationError, pendingMigrations } from "./migrate/migrator";
export {
  DatabaseConfigError,
  describeConnectionError,
  parseDatabaseUrl,
  withDatabase,
} from "./url";
