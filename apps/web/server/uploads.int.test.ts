import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createDb, type Db } from "@fleetdeck/db";
import { createTestDatabase } from "@fleetdeck/db/testing";
import { AGENT_PATHS, CHUNK_SHA256_HEADER } from "@fleetdeck/protocol";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fakeFacts, TestAgent } from "../e2e/agent-client";
import { SESSION_COOKIE, seedSignedInUser } from "../e2e/fixtures";
import { type RunningServer, startServer } from "../e2e/server-process";
import { callerFor } from "./trpc-caller";

const corpus = path.resolve(import.meta.dirname, "../../../fixtures/shared/crashes");
let server: RunningServer;
let db: Db;
let agent: TestAgent;
let sessionCookie: string;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  db = createDb(database.url, { max: 3 });
  const user = await seedSignedInUser(db, {
    email: "ops@acme.test",
    orgs: [{ slug: "acme", name: "Acme", role: "owner" }],
  });
  sessionCookie = `${SESSION_COOKIE}=${user.sessionToken}`;
  server = await startServer(database.url, {
    FLEETDECK_UPLOAD_MAX_BYTES: String(64 * 1024 * 1024),
  });
  const admin = await callerFor(server, user.sessionToken, "acme");
  const { token } = await admin.mutate("fleet.createEnrollmentToken", {
    name: "t",
    labels: "",
    maxUses: null,
    expiresInHours: 1,
  });
  agent = new TestAgent(server.url, fakeFacts("crashy-1"));
  await agent.enroll(token);
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
  await dropDatabase?.();
});

async function reportCrash(origin = "/var/crash/127.0.0.1-2026-11-27-10:00:00/vmcore-dmesg.txt") {
  const text = readFileSync(path.join(corpus, "lkdtm_BUG_6.1_a.log"), "utf8");
  const res = await agent.post(AGENT_PATHS.crashes, {
    v: 1,
    source: "kdump",
    bootId: `b-${randomBytes(4).toString("hex")}`,
    collectedAt: Date.now(),
    text,
    origin,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { crashIds: string[]; duplicates: number };
}

async function putChunk(
  uploadId: string,
  offset: number,
  chunk: Buffer,
  options: { checksum?: string } = {},
) {
  const pathAndQuery = `${AGENT_PATHS.uploads}/${uploadId}?offset=${offset}`;
  const headers = {
    "content-type": "application/octet-stream",
    [CHUNK_SHA256_HEADER]: options.checksum ?? createHash("sha256").update(chunk).digest("hex"),
    ...agent.sign("PUT", pathAndQuery, chunk as unknown as string),
  };
  return fetch(`${server.url}${pathAndQuery}`, {
    method: "PUT",
    headers,
    body: new Uint8Array(chunk),
  });
}

describe("crash reports and resumable vmcore uploads", () => {
  test("a crash report is filed once; its origin path never becomes a storage path", async () => {
    const first = await reportCrash("../../../../etc/passwd");
    expect(first.crashIds).toHaveLength(1);
    const stored = await db.prisma.crash.findUniqueOrThrow({
      where: { id: first.crashIds[0] },
      select: { rawBlob: true },
    });
    expect(stored.rawBlob).toMatch(/^[0-9a-f]{64}$/);
  });

  test("an upload interrupted several times resumes from the server's offset and the stored file's SHA-256 matches", async () => {
    const { crashIds } = await reportCrash();
    const file = randomBytes(24 * 1024 * 1024 + 123);
    const sha256 = createHash("sha256").update(file).digest("hex");
    const created = await agent.post(AGENT_PATHS.uploads, {
      v: 1,
      purpose: "vmcore",
      crashId: crashIds[0],
      length: file.length,
      sha256,
    });
    expect(created.status).toBe(201);
    const { uploadId, chunkBytes } = (await created.json()) as {
      uploadId: string;
      chunkBytes: number;
    };
    let offset = 0;
    let interruptions = 0;
    while (offset < file.length) {
      const chunk = file.subarray(offset, Math.min(file.length, offset + chunkBytes));
      if (interruptions < 3 && offset > 0) {
        // A chunk that arrives corrupted (as after a cut connection) is refused and cut off.
        interruptions++;
        const bad = await putChunk(uploadId, offset, chunk, { checksum: "0".repeat(64) });
        expect(bad.status).toBe(400);
        const state = (await (
          await fetch(`${server.url}${AGENT_PATHS.uploads}/${uploadId}`, {
            headers: agent.sign("GET", `${AGENT_PATHS.uploads}/${uploadId}`, ""),
          })
        ).json()) as { offset: number };
        expect(state.offset).toBe(offset);
      }
      const res = await putChunk(uploadId, offset, chunk);
      expect(res.status).toBe(200);
      offset = ((await res.json()) as { offset: number }).offset;
    }
    const crash = await db.prisma.crash.findUniqueOrThrow({
      where: { id: crashIds[0] },
      select: { vmcoreBlob: true },
    });
    expect(crash.vmcoreBlob).toBe(sha256);
    const download = await fetch(`${server.url}/api/crashes/${crashIds[0]}/vmcore`, {
      headers: { cookie: sessionCookie },
    });
    expect(
      createHash("sha256")
        .update(Buffer.from(await download.arrayBuffer()))
        .digest("hex"),
    ).toBe(sha256);
  });

  test("a wrong offset gets 409 with the server's offset", async () => {
    const { crashIds } = await reportCrash();
    const data = randomBytes(1000);
    const created = await agent.post(AGENT_PATHS.uploads, {
      v: 1,
      purpose: "vmcore",
      crashId: crashIds[0],
      length: 2000,
      sha256: "a".repeat(64),
    });
    const { uploadId } = (await created.json()) as { uploadId: string };
    expect((await putChunk(uploadId, 0, data)).status).toBe(200);
    const wrong = await putChunk(uploadId, 0, data);
    expect(wrong.status).toBe(409);
    expect(await wrong.json()).toMatchObject({ offset: 1000 });
  });

  test("a body over the limit gets 413 without being stored", async () => {
    const { crashIds } = await reportCrash();
    const tooBig = await agent.post(AGENT_PATHS.uploads, {
      v: 1,
      purpose: "vmcore",
      crashId: crashIds[0],
      length: 65 * 1024 * 1024,
      sha256: "b".repeat(64),
    });
    expect(tooBig.status).toBe(413);
    const created = await agent.post(AGENT_PATHS.uploads, {
      v: 1,
      purpose: "vmcore",
      crashId: crashIds[0],
      length: 100,
      sha256: "c".repeat(64),
    });
    const { uploadId } = (await created.json()) as { uploadId: string };
    const over = await putChunk(uploadId, 0, randomBytes(5000));
    expect(over.status).toBe(413);
    const state = (await (
      await fetch(`${server.url}${AGENT_PATHS.uploads}/${uploadId}`, {
        headers: agent.sign("GET", `${AGENT_PATHS.uploads}/${uploadId}`, ""),
      })
    ).json()) as { offset: number };
    expect(state.offset).toBe(0);
  });

  test("a whole file that differs from its declared SHA-256 is refused at the last chunk and not stored", async () => {
    const { crashIds } = await reportCrash();
    const file = randomBytes(3000);
    const created = await agent.post(AGENT_PATHS.uploads, {
      v: 1,
      purpose: "vmcore",
      crashId: crashIds[0],
      length: file.length,
      sha256: createHash("sha256").update(randomBytes(3000)).digest("hex"),
    });
    const { uploadId } = (await created.json()) as { uploadId: string };
    expect((await putChunk(uploadId, 0, file.subarray(0, 2000))).status).toBe(200);
    const last = await putChunk(uploadId, 2000, file.subarray(2000));
    expect(last.status).toBe(422);
    expect(await last.json()).toMatchObject({ offset: 0 });
    const upload = await db.prisma.upload.findUniqueOrThrow({ where: { id: uploadId } });
    expect(upload).toMatchObject({ completedAt: null, blob: null, received: 0n });
  });
});
