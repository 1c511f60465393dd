"use client";

import Link from "next/link";
import { type FormEvent, useEffect, useState } from "react";
import { AuthCard, FormError } from "@/components/auth/auth-card";
import { CodeField } from "@/components/auth/code-field";
import { RecoveryCodes } from "@/components/auth/recovery-codes";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { postJson } from "@/lib/post-json";

interface Enrollment {
  email: string;
  secret: string;
  otpauthUri: string;
  qrSvg: string;
  replacing: boolean;
}

const grouped = (secret: string) => secret.replace(/(.{4})/g, "$1 ").trim();

/** Scan (or type) the seed, prove it with a code, then keep the recovery codes. */
export function EnrollFlow({ next }: { next: string }) {
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);

  useEffect(() => {
    void postJson<Enrollment>("/api/auth/enroll/start").then((result) => {
      if (result.ok) setEnrollment(result.data);
      else setFatal(result.message);
    });
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await postJson<{ recoveryCodes: string[] | null }>("/api/auth/enroll", { code });
    setBusy(false);
    if (!result.ok) {
      setCode("");
      if (result.problem === "expired") return setFatal(result.message);
      return setError(result.message);
    }
    if (result.data.recoveryCodes) setCodes(result.data.recoveryCodes);
    else window.location.assign("/account?totp=moved");
  }

  if (fatal) {
    return (
      <AuthCard title="Set up two-factor authentication">
        <FormError message={fatal} />
        <Link
          href="/login"
          className="mt-4 inline-block text-sm font-medium text-accent hover:underline"
        >
          Go to sign in
        </Link>
      </AuthCard>
    );
  }
  if (codes) {
    return (
      <AuthCard title="Save your recovery codes" wide>
        <RecoveryCodes codes={codes} onDone={() => window.location.assign(next)} />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={
        enrollment?.replacing
          ? "Move two-factor authentication"
          : "Set up two-factor authentication"
      }
      subtitle="Every Fleetdeck sign-in needs a code from an authenticator app (1Password, Google Authenticator, Aegis, oathtool…)."
      wide
    >
      {!enrollment ? (
        <p className="text-sm text-muted" aria-live="polite">
          Preparing your key…
        </p>
      ) : (
        <form onSubmit={submit} className="space-y-5" noValidate>
          <div className="flex flex-col gap-5 sm:flex-row">
            <div
              className="mx-auto size-44 shrink-0 rounded-lg border border-border bg-white p-2 sm:mx-0"
              role="img"
              aria-label="QR code for your authenticator app"
              // The SVG is drawn on our server by the qrcode package from the otpauth URI.
              dangerouslySetInnerHTML={{ __html: enrollment.qrSvg }}
            />
            <div className="min-w-0 space-y-3 text-sm">
              <p className="text-muted">
                1. Scan the QR code with your app, or type this key by hand:
              </p>
              <p
                className="rounded-md bg-surface-2 px-3 py-2 font-mono text-[13px] break-all text-fg"
                data-testid="totp-secret"
              >
                {grouped(enrollment.secret)}
              </p>
              <p className="text-xs text-muted">
                Account: {enrollment.email} · SHA-1 · 6 digits · 30 seconds
              </p>
            </div>
          </div>
          <details className="text-sm">
            <summary className="cursor-pointer text-muted hover:text-fg">
              Show the otpauth:// link
            </summary>
            <CodeBlock className="mt-2" code={enrollment.otpauthUri} />
          </details>
          <p className="text-sm text-muted">2. Enter the code the app now shows:</p>
          <FormError message={error} />
          <CodeField value={code} onChange={setCode} autoFocus />
          <Button type="submit" variant="primary" className="w-full justify-center" loading={busy}>
            Verify code
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
