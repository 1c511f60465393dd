import { appRouter, getViewerBySessionToken } from "@fleetdeck/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { csrfRefusal } from "@/server/auth-route";
import { getRuntime } from "@/server/runtime";
import { sessionTokenFrom } from "@/server/session-cookie";

async function handler(req: Request) {
  // Mutations are POSTs: same-origin JSON only (tRPC itself insists on the JSON type too).
  if (req.method !== "GET") {
    const refused = csrfRefusal(req);
    if (refused) return refused;
  }
  const { db, keyring, publicUrl, commandSigner } = getRuntime();
  const token = sessionTokenFrom(req.headers.get("cookie"));
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => ({
      db,
      keyring,
      publicUrl,
      commandSigner,
      requestId: req.headers.get("x-request-id") ?? "",
      ip: req.headers.get("x-fleetdeck-client-ip"),
      userAgent: req.headers.get("user-agent"),
      viewer: token ? await getViewerBySessionToken(db, token) : null,
      orgSlug: req.headers.get("x-fleetdeck-org"),
    }),
  });
}

export { handler as GET, handler as POST };
