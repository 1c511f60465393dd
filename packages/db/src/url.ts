/** Problems with the database settings, worded for a one-line error at start-up. */
export class DatabaseConfigError extends Error {
  override name = "DatabaseConfigError";
}

export interface DatabaseTarget {
  url: string;
  host: string;
  port: number;
  user: string;
  database: string;
}

/** Parses a PostgreSQL URL, or says in plain words what is wrong with it. */
export function parseDatabaseUrl(raw: string, variable = "DATABASE_URL"): DatabaseTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseConfigError(
      `${variable} is not a valid URL (expected postgresql://user:password@host:5432/database)`,
    );
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new DatabaseConfigError(
      `${variable} must start with postgresql:// (it starts with ${url.protocol}//)`,
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!database) {
    throw new DatabaseConfigError(`${variable} names no database (add /<name> after the host)`);
  }
  const port = url.port ? Number(url.port) : 5432;
  const host = url.hostname || "localhost";
  return { url: raw, host, port, user: decodeURIComponent(url.username) || "postgres", database };
}

/** The same server, another database: for admin work (CREATE DATABASE) and clones. */
export function withDatabase(raw: string, database: string): string {
  const url = new URL(raw);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Turns a driver error into the sentence an operator needs. */
export function describeConnectionError(error: unknown, target: DatabaseTarget): string {
  const where = `${target.host}:${target.port}`;
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case "ECONNREFUSED":
      return `cannot reach PostgreSQL at ${where}: connection refused (is it running?)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot reach PostgreSQL at ${where}: unknown host ${target.host}`;
    case "ETIMEDOUT":
      return `cannot reach PostgreSQL at ${where}: timed out`;
    case "3D000":
      return `database "${target.database}" does not exist on ${where}`;
    case "28P01":
    case "28000":
      return `PostgreSQL at ${where} refused user "${target.user}": ${e.message ?? "authentication failed"}`;
    default:
      return `cannot use PostgreSQL at ${where}: ${e.message ?? String(error)}`;
  }
}
