/** One server-sent event (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

/** A line longer than this without a newline is a broken or hostile stream. */
const MAX_BUFFER_CHARS = 4 * 1024 * 1024;

/**
 * Incremental parser: feed chunks as they arrive (split anywhere, even inside a CRLF or
 * a UTF-8 sequence); complete events come out. Comments (`: keepalive`) are dropped.
 */
export class SseParser {
  private readonly decoder = new TextDecoder("utf-8");
  private buffer = "";
  private sawCr = false;
  private started = false;
  private eventName = "";
  private dataLines: string[] = [];
  private lastId: string | null = null;

  pushBytes(chunk: Uint8Array): SseEvent[] {
    return this.push(this.decoder.decode(chunk, { stream: true }));
  }

  push(text: string): SseEvent[] {
    let input = text;
    if (!this.started && input.length > 0) {
      this.started = true;
      if (input.startsWith("\uFEFF")) input = input.slice(1);
    }
    // A CR ended the previous chunk: an LF opening this one belongs to that line end.
    if (this.sawCr && input.startsWith("\n")) input = input.slice(1);
    this.sawCr = false;
    this.buffer += input;
    const events: SseEvent[] = [];
    for (;;) {
      const end = this.buffer.search(/\r\n|\r|\n/);
      if (end < 0) break;
      const line = this.buffer.slice(0, end);
      const crAtEnd = this.buffer[end] === "\r" && end === this.buffer.length - 1;
      const width = this.buffer.startsWith("\r\n", end) ? 2 : 1;
      this.buffer = this.buffer.slice(end + width);
      if (crAtEnd) this.sawCr = true;
      const event = this.line(line);
      if (event) events.push(event);
    }
    if (this.buffer.length > MAX_BUFFER_CHARS) throw new Error("SSE line too long");
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.eventName = value;
    else if (field === "data") this.dataLines.push(value);
    else if (field === "id" && !value.includes("\0")) this.lastId = value;
    return null;
  }

  private dispatch(): SseEvent | null {
    const name = this.eventName || "message";
    const lines = this.dataLines;
    this.eventName = "";
    this.dataLines = [];
    if (lines.length === 0) return null;
    return { event: name, data: lines.join("\n"), id: this.lastId };
  }
}
