import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { AGENT_PATHS, type CrashUpload, crashUploadSchema } from "@fleetdeck/protocol";
import type { FakeRequest } from "../../testing/fake-server";
import { FakeUploads } from "../../upload/testing/fake-uploads";

/** POST /crashes as protocol/crash.ts describes it, plus the upload endpoints. */
export class FakeCrashEndpoints {
  readonly crashes: { hostId: string; crashId: string; body: CrashUpload }[] = [];
  readonly uploads = new FakeUploads();
  /** Answer every crash report with this status instead (503: the server is failing). */
  crashStatus: number | null = null;
  uploadVmcore = false;

  readonly route = (req: FakeRequest, res: ServerResponse): boolean => {
    if (req.method !== "POST" || req.path !== AGENT_PATHS.crashes)
      return this.uploads.route(req, res);
    if (this.crashStatus !== null) {
      res.writeHead(this.crashStatus).end('{"error":"forced"}');
      return true;
    }
    const body = crashUploadSchema.parse(JSON.parse(req.body.toString("utf8")));
    const crashId = randomUUID();
    this.crashes.push({ hostId: req.hostId, crashId, body });
    res
      .writeHead(201, { "content-type": "application/json" })
      .end(JSON.stringify({ crashIds: [crashId], duplicates: 0, uploadVmcore: this.uploadVmcore }));
    return true;
  };

  bySource(source: CrashUpload["source"]) {
    return this.crashes.filter((c) => c.body.source === source);
  }
}
