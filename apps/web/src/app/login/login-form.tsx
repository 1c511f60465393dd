"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { AuthCard, FormError } from "@/components/auth/auth-card";
import { CodeField } from "@/components/auth/code-field";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { postJson } from "@/lib/post-json";

/** Email and password, then a TOTP or recovery code. Every failure reads the same. */
export function LoginForm({ next }: { next: string }) {
  const [step, setStep] = useState<"password" | "code">("password");
  const [useRecovery, setUseRecovery] = useState(false);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submitPassword(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await postJson<{ next: "verify" | "enroll" }>("/api/auth/login", {
      email,
      password,
    });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    if (result.data.next === "enroll")
      return window.location.assign(`/enroll?next=${encodeURIComponent(next)}`);
    setStep("code");
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await postJson<{ recoveryCodesLeft: number | null }>(
      "/api/auth/login/verify",
      useRecovery ? { recoveryCode: code } : { code },
    );
    if (result.ok) {
      const left = result.data.recoveryCodesLeft;
      window.location.assign(left !== null && left <= 3 ? "/account?recovery=low" : next);
      return;
    }
    setBusy(false);
    setCode("");
    setError(result.message);
    if (result.problem === "expired") {
      setStep("password");
      setPassword("");
    }
  }

  if (step === "code") {
    return (
      <AuthCard
        title="Two-factor authentication"
        subtitle={
          useRecovery
            ? "Enter one of your recovery codes. Each works once."
            : `Signing in as ${email}`
        }
      >
        <form onSubmit={submitCode} className="space-y-4" noValidate>
          <FormError message={error} />
          {useRecovery ? (
            <Field
              label="Recovery code"
              name="recoveryCode"
              autoComplete="off"
              autoFocus
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
              placeholder="xxxxxx-xxxxxx"
              className="[&_input]:font-mono"
            />
          ) : (
            <CodeField value={code} onChange={setCode} autoFocus />
          )}
          <Button type="submit" variant="primary" className="w-full justify-center" loading={busy}>
            Verify and sign in
          </Button>
          <div className="flex justify-between text-sm">
            <button
              type="button"
              className="font-medium text-accent hover:underline"
              onClick={() => {
                setUseRecovery(!useRecovery);
                setCode("");
                setError(null);
              }}
            >
              {useRecovery ? "Use the authenticator app" : "Use a recovery code"}
            </button>
            <button
              type="button"
              className="text-muted hover:text-fg"
              onClick={() => {
                setStep("password");
                setError(null);
              }}
            >
              Start over
            </button>
          </div>
        </form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Sign in" subtitle="Your password, then a code from your authenticator app.">
      <form onSubmit={submitPassword} className="space-y-4" noValidate>
        <FormError message={error} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          autoFocus
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" variant="primary" className="w-full justify-center" loading={busy}>
          Continue
        </Button>
        <p className="text-center text-sm text-muted">
          New to Fleetdeck?{" "}
          <Link href="/signup" className="font-medium text-accent hover:underline">
            Create an organization
          </Link>
        </p>
      </form>
    </AuthCard>
  );
}
