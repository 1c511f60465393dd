import "server-only";
import { getViewerBySessionToken, type Viewer } from "@fleetdeck/api";
import { sessionCookieName } from "@fleetdeck/auth";
import { cookies } from "next/headers";
import { cache } from "react";
import { getRuntime } from "./runtime";

/** The signed-in person for this request (memoised per render), or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // cookies() first: it marks the page dynamic before anything touches the runtime.
  const jar = await cookies();
  const { db, secureCookies } = getRuntime();
  const token = jar.get(sessionCookieName({ secure: secureCookies }))?.value;
  if (!token) return null;
  return getViewerBySessionToken(db, token);
});
