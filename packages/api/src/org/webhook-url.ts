import { AppError } from "../errors";

const MAX_LENGTH = 2048;
/** Where plain http is fine: the event never leaves the Fleetdeck server. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const invalid = (message: string) => new AppError("BAD_REQUEST", message, { field: "url" });

/** A webhook URL as typed, checked and normalised; throws AppError with a sentence to show. */
export function checkWebhookUrl(input: string): string {
  const text = input.trim();
  if (!text) throw invalid("Enter the URL that should receive the events.");
  if (text.length > MAX_LENGTH) {
    throw invalid(`That URL is too long: at most ${MAX_LENGTH} characters.`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(
      "That is not a full URL. It should look like https://hooks.example.com/fleetdeck.",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw invalid(`Use an https:// URL (not ${url.protocol}//).`);
  }
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw invalid(
      "Use https://. Plain http:// is only allowed for localhost and 127.0.0.1, a receiver on the Fleetdeck server itself.",
    );
  }
  if (url.username || url.password) {
    throw invalid(
      "Remove the user name and password from the URL: receivers check the signature instead.",
    );
  }
  return url.href;
}

/** The URL as the audit log keeps it: the query string may carry a token, so it is cut. */
export function urlForAudit(href: string): string {
  const url = new URL(href);
  return `${url.origin}${url.pathname}${url.search ? "?…" : ""}`;
}
