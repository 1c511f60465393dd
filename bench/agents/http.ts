import http, { type IncomingMessage } from "node:http";

export interface Reply {
  status: number;
  text: string;
}

/** One request on `agent` (keep-alive), resolved once the whole reply body arrived. */
export function exchange(
  agent: http.Agent,
  url: string,
  method: "GET" | "POST",
  headers: Record<string, string>,
  body?: Buffer,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method,
      agent,
      headers: body ? { ...headers, "content-length": String(body.length) } : headers,
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A GET whose response is handed over as soon as its headers arrive (a stream). */
export function open(
  agent: http.Agent,
  url: string,
  headers: Record<string, string>,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "GET", agent, headers });
    req.on("response", resolve);
    req.on("error", reject);
    req.end();
  });
}

/**
 * Server-sent events split out of a byte stream. Both servers measured here end lines
 * with "\n" only, so this is the short form of the parser (the agent's handles CR too).
 */
export class SseReader {
  private buffer = "";

  push(chunk: Buffer): { event: string; data: string }[] {
    this.buffer += chunk.toString("utf8");
    const events: { event: string; data: string }[] = [];
    for (let end = this.buffer.indexOf("\n\n"); end >= 0; end = this.buffer.indexOf("\n\n")) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      if (data.length > 0) events.push({ event, data: data.join("\n") });
    }
    return events;
  }
}
