import { CodeBlock } from "@/components/ui/code-block";

const HEADERS: { name: string; value: string }[] = [
  { name: "content-type", value: "application/json" },
  { name: "x-fleetdeck-event", value: "the event, e.g. rollout.completed or webhook.test" },
  {
    name: "x-fleetdeck-delivery",
    value: "one id per event, the same on every retry: drop an id you have already seen",
  },
  {
    name: "x-fleetdeck-signature",
    value: "sha256= and the hex HMAC-SHA256 of the raw body, keyed with the signing secret",
  },
];

const EXAMPLE_BODY = `{
  "event": "rollout.wave_passed",
  "rolloutId": "0b9e4c1e-5d0a-4f7e-9a51-3c8f0e6d2a71",
  "at": "2025-06-02T09:41:07.120Z",
  "message": "Wave 1 passed its gate.",
  "details": { "wave": 1 }
}`;

const VERIFY = `const expected = "sha256=" + createHmac("sha256", secret).update(rawBody).digest("hex");
const given = req.headers["x-fleetdeck-signature"] ?? "";
const valid = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));`;

/** What a receiver gets and how it checks it: the same on every state of the panel. */
export function WebhookDocs() {
  return (
    <section
      aria-labelledby="webhook-docs"
      className="space-y-4 rounded-lg border border-border bg-surface p-5"
    >
      <div>
        <h2 id="webhook-docs" className="text-base font-semibold text-fg">
          What your receiver gets
        </h2>
        <p className="mt-1 text-sm text-muted">
          One POST per rollout state change (started, wave passed, waiting for approval, host
          failed, completed, aborted, rolled back…), sent after the change is saved. Answer with a
          2xx within 5 seconds; anything else is retried twice.
        </p>
      </div>
      <dl className="divide-y divide-border rounded-md border border-border text-sm">
        {HEADERS.map((h) => (
          <div key={h.name} className="grid gap-1 px-3 py-2 sm:grid-cols-[13rem_1fr] sm:gap-4">
            <dt className="font-mono text-[13px] text-fg">{h.name}</dt>
            <dd className="text-muted">{h.value}</dd>
          </div>
        ))}
      </dl>
      <div className="space-y-2">
        <CodeBlock label="Verify the signature (Node.js, node:crypto)" code={VERIFY} />
        <p className="text-sm text-muted">
          <code className="font-mono text-[13px] text-fg">rawBody</code> is the body exactly as
          received, before any JSON parsing. Refuse the request when{" "}
          <code className="font-mono text-[13px] text-fg">valid</code> is false, and ignore events
          whose <code className="font-mono text-[13px] text-fg">at</code> is old to stop replays.
        </p>
      </div>
      <CodeBlock label="Body" code={EXAMPLE_BODY} />
    </section>
  );
}
