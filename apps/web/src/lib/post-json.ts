/** What an auth endpoint answers: its data, or one sentence to show. */
export type PostResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; problem: string; message: string };

/** A same-origin JSON POST (the only kind of state change the server accepts). */
export async function postJson<T>(url: string, body: unknown = {}): Promise<PostResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return {
      ok: false,
      status: 0,
      problem: "network",
      message: "Fleetdeck cannot be reached. Check your connection and try again.",
    };
  }
  const json = (await res.json().catch(() => ({}))) as {
    error?: { problem: string; message: string };
  } & T;
  if (res.ok) return { ok: true, data: json };
  return {
    ok: false,
    status: res.status,
    problem: json.error?.problem ?? "error",
    message: json.error?.message ?? `Something went wrong (HTTP ${res.status}).`,
  };
}
