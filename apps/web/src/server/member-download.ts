import "server-only";
import { Readable } from "node:stream";
import { getViewerBySessionToken } from "@fleetdeck/api";
import { getRuntime } from "./runtime";
import { sessionTokenFrom } from "./session-cookie";

/**
 * Streams a crash's blob (raw log or vmcore) to a signed-in member of the crash's
 * organization; anyone else gets the same 404 as for a crash that does not exist.
 */
export async function downloadCrashBlob(
  request: Request,
  crashId: string,
  which: "raw" | "vmcore",
): Promise<Response> {
  const { db, blobs } = getRuntime();
  const token = sessionTokenFrom(request.headers.get("cookie"));
  const viewer = token ? await getViewerBySessionToken(db, token) : null;
  if (!viewer) return new Response("Sign in to continue.", { status: 401 });
  if (!/^[0-9a-f-]{36}$/.test(crashId)) return new Response("Not found", { status: 404 });
  const crash = await db.prisma.crash.findFirst({
    where: { id: crashId, organizationId: { in: viewer.memberships.map((m) => m.organizationId) } },
    select: { rawBlob: true, vmcoreBlob: true, host: { select: { name: true } }, bootId: true },
  });
  if (!crash) return new Response("Not found", { status: 404 });
  const key = which === "raw" ? crash.rawBlob : crash.vmcoreBlob;
  if (!key)
    return new Response(
      which === "raw" ? "The raw text was not kept (flood cap)." : "No vmcore was uploaded.",
      { status: 410 },
    );
  const size = await blobs.size(key);
  if (size === null) return new Response("The blob is missing from the store.", { status: 410 });
  const download = which === "vmcore" || new URL(request.url).searchParams.has("download");
  const name =
    `${crash.host.name}-${crash.bootId.slice(0, 8)}-${which === "raw" ? "kernel.log" : "vmcore"}`.replace(
      /[^\w.-]/g,
      "_",
    );
  return new Response(Readable.toWeb(blobs.read(key)) as ReadableStream, {
    headers: {
      "content-type": which === "raw" ? "text/plain; charset=utf-8" : "application/octet-stream",
      "content-length": String(size),
      "cache-control": "private, no-store",
      ...(download ? { "content-disposition": `attachment; filename="${name}"` } : {}),
    },
  });
}
