import superjson from "superjson";
import type { RunningServer } from "../e2e/server-process";
import { SESSION_COOKIE } from "../e2e/fixtures";

/**
 * Calls tRPC over HTTP as a signed-in member, the way the browser does (same origin,
 * JSON, the organization header), for tests that drive the real server.
 */
export async function callerFor(server: RunningServer, sessionToken: string, orgSlug: string) {
  const headers = {
    cookie: `${SESSION_COOKIE}=${sessionToken}`,
    origin: server.url,
    "x-fleetdeck-org": orgSlug,
  };
  async function unwrap(res: Response) {
    const body = await res.json();
    if (body.error) throw new Error(`${body.error.json?.message ?? JSON.stringify(body.error)}`);
    // biome-ignore lint/suspicious/noExplicitAny: test helper returning whatever the procedure returns
    return superjson.deserialize(body.result.data) as any;
  }
  return {
    query: async (path: string, input?: unknown) =>
      unwrap(
        await fetch(
          `${server.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`,
          { headers },
        ),
      ),
    mutate: async (path: string, input?: unknown) =>
      unwrap(
        await fetch(`${server.url}/api/trpc/${path}`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify(superjson.serialize(input)),
        }),
      ),
  };
}
