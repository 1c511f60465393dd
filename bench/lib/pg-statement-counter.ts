import { fork } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** What went through one counting proxy since the last reset. */
export interface StatementCounts {
  /** Statements the server executed: simple queries plus extended-protocol executes. */
  statements: number;
  /** Client → server round trips: a simple query or a Sync ends one. */
  roundTrips: number;
  /** Statements by their SQL text (whitespace collapsed, cut at 100 characters). */
  byText: Map<string, number>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const cstring = (buf: Buffer, at: number): [string, number] => {
  const end = buf.indexOf(0, at);
  return [buf.toString("utf8", at, end), end + 1];
};
const short = (sql: string) => sql.replace(/\s+/g, " ").trim().slice(0, 100);

/**
 * A TCP proxy in front of PostgreSQL that reads the frontend side of the wire protocol and
 * counts statements: a way to count another process's queries without pg_stat_statements
 * (which needs shared_preload_libraries) and without touching that process's code.
 * Bytes are forwarded unchanged; only a copy is parsed.
 */
async function countingProxy(upstreamUrl: string) {
  const upstream = new URL(upstreamUrl);
  const counts: StatementCounts = { statements: 0, roundTrips: 0, byText: new Map() };
  const count = (sql: string) => {
    counts.statements++;
    const key = short(sql);
    counts.byText.set(key, (counts.byText.get(key) ?? 0) + 1);
  };

  const server = net.createServer((client) => {
    const db = net.connect(Number(upstream.port || 5432), upstream.hostname);
    const drop = () => {
      client.destroy();
      db.destroy();
    };
    client.on("error", drop).on("close", drop);
    db.on("error", drop).on("close", drop);
    db.pipe(client);

    let startup = true;
    let pending: Buffer = Buffer.alloc(0);
    const statementText = new Map<string, string>();
    const portalStatement = new Map<string, string>();
    client.on("data", (chunk: Buffer) => {
      db.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (startup) {
          if (pending.length < 8) return;
          const length = pending.readInt32BE(0);
          if (pending.length < length) return;
          const code = pending.readInt32BE(4);
          startup = code === SSL_REQUEST || code === GSSENC_REQUEST;
          pending = pending.subarray(length);
          continue;
        }
        if (pending.length < 5) return;
        const type = String.fromCharCode(pending[0] as number);
        const length = pending.readInt32BE(1);
        if (pending.length < length + 1) return;
        const body = pending.subarray(5, length + 1);
        pending = pending.subarray(length + 1);
        if (type === "Q") {
          counts.roundTrips++;
          count(cstring(body, 0)[0]);
        } else if (type === "P") {
          const [name, at] = cstring(body, 0);
          statementText.set(name, cstring(body, at)[0]);
        } else if (type === "B") {
          const [portal, at] = cstring(body, 0);
          portalStatement.set(portal, cstring(body, at)[0]);
        } else if (type === "E") {
          const portal = cstring(body, 0)[0];
          count(statementText.get(portalStatement.get(portal) ?? "") ?? "?");
        } else if (type === "S") {
          counts.roundTrips++;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const proxied = new URL(upstreamUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(port);

  return {
    /** `upstreamUrl` with the proxy's host and port. */
    url: proxied.toString(),
    counts,
    reset() {
      counts.statements = 0;
      counts.roundTrips = 0;
      counts.byText.clear();
    },
  };
}

type Reply = { url: string } | { reset: true } | { counts: [number, number, [string, number][]] };

/**
 * The counting proxy in a child process of its own, so that its parsing competes neither
 * with the process under test nor with the benchmark's simulated agents for an event loop.
 */
export async function startStatementCounter(upstreamUrl: string) {
  const child = fork(fileURLToPath(import.meta.url), [upstreamUrl], {
    cwd: path.resolve(import.meta.dirname, ".."),
    execArgv: ["--import", "tsx"],
  });
  const next = () =>
    new Promise<Reply>((resolve, reject) => {
      child.once("message", (m) => resolve(m as Reply));
      child.once("exit", (code) => reject(new Error(`statement counter exited (${code})`)));
    });
  const ready = (await next()) as { url: string };
  return {
    /** `upstreamUrl` with the proxy's host and port. */
    url: ready.url,
    async reset() {
      const reply = next();
      child.send("reset");
      await reply;
    },
    async snapshot(): Promise<StatementCounts> {
      const reply = next();
      child.send("snapshot");
      const [statements, roundTrips, byText] = (
        (await reply) as Extract<Reply, { counts: unknown }>
      ).counts;
      return { statements, roundTrips, byText: new Map(byText) };
    },
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const proxy = await countingProxy(process.argv[2] as string);
  // A benchmark that died leaves no proxy behind.
  process.on("disconnect", () => process.exit(0));
  process.on("message", (message) => {
    if (message === "reset") {
      proxy.reset();
      process.send?.({ reset: true });
    }
    if (message === "snapshot") {
      const { statements, roundTrips, byText } = proxy.counts;
      process.send?.({ counts: [statements, roundTrips, [...byText]] });
    }
  });
  process.send({ url: proxy.url });
}
