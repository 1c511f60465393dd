import "server-only";
import { getViewerBySessionToken, type Viewer } from "@fleetdeck/api";
import { cookies } from "next/headers";
import { cache } from "react";
import { getRuntime } from "./runtime";
import { readSessionToken } from "./session-cookie";

/** The signed-in person for this request (memoised per render), or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const jar = await cookies();
  const token = readSessionToken((name) => jar.get(name)?.value);
  if (!token) return null;
  return getViewerBySessionToken(getRuntime().db, token);
});
