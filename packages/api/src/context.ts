import type { Db } from "@fleetdeck/db";
import type { Viewer } from "./viewer/viewer.service";

/** What every procedure starts from; tiers in trpc.ts narrow it. */
export interface Context {
  db: Db;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** The signed-in person, or null. Resolved once per request from the session cookie. */
  viewer: Viewer | null;
  /** The organization the client is working in (the `x-fleetdeck-org` header), if any. */
  orgSlug: string | null;
}
