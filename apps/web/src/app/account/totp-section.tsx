"use client";

import { type FormEvent, useState } from "react";
import { FormError } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { postJson } from "@/lib/post-json";
import { Section } from "./section";

/** Moving TOTP to a new phone: password plus a current code (or a recovery code). */
export function TotpSection() {
  const [form, setForm] = useState({ password: "", code: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const code = form.code.trim();
    const body = /^\d{3}\s?\d{3}$/.test(code)
      ? { password: form.password, code }
      : { password: form.password, recoveryCode: code };
    const result = await postJson("/api/auth/account/totp", body);
    if (result.ok) return window.location.assign("/enroll?next=/account");
    setBusy(false);
    setError(result.message);
  }

  return (
    <Section
      title="Authenticator app"
      description="Moving to a new phone? Confirm with your password and a current code (or a recovery code); the old app keeps working until the new one is verified."
    >
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
        <div className="sm:col-span-2">
          <FormError message={error} />
        </div>
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <Field
          label="Current code or recovery code"
          autoComplete="one-time-code"
          required
          value={form.code}
          onChange={(e) => setForm({ ...form, code: e.target.value })}
        />
        <div>
          <Button type="submit" loading={busy}>
            Move to a new device
          </Button>
        </div>
      </form>
    </Section>
  );
}
