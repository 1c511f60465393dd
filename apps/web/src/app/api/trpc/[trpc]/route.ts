import { appRouter, getViewerBySessionToken } from "@fleetdeck/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getRuntime } from "@/server/runtime";
import { parseCookieHeader, readSessionToken } from "@/server/session-cookie";

async function handler(req: Request) {
  const { db } = getRuntime();
  const cookies = parseCookieHeader(req.headers.get("cookie"));
  const token = readSessionToken((name) => cookies.get(name));
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => ({
      db,
      requestId: req.headers.get("x-request-id") ?? "",
      ip: req.headers.get("x-fleetdeck-client-ip"),
      userAgent: req.headers.get("user-agent"),
      viewer: token ? await getViewerBySessionToken(db, token) : null,
      orgSlug: req.headers.get("x-fleetdeck-org"),
    }),
  });
}

export { handler as GET, handler as POST };
