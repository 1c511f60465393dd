"use client";

import { type FormEvent, useState } from "react";
import { FormError } from "@/components/auth/auth-card";
import { RecoveryCodes } from "@/components/auth/recovery-codes";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { postJson } from "@/lib/post-json";
import { Section } from "./section";

export function RecoverySection() {
  const [form, setForm] = useState({ password: "", code: "" });
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await postJson<{ recoveryCodes: string[] }>(
      "/api/auth/account/recovery-codes",
      form,
    );
    setBusy(false);
    setForm({ password: "", code: "" });
    if (!result.ok) return setError(result.message);
    setCodes(result.data.recoveryCodes);
  }

  return (
    <Section
      title="Recovery codes"
      description="Ten single-use codes for when your phone is gone. A new set replaces the old one; it needs your password and a current code."
    >
      {codes ? (
        <RecoveryCodes codes={codes} doneLabel="Done" onDone={() => setCodes(null)} />
      ) : (
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
            label="Authentication code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={form.code}
            onChange={(e) => setForm({ ...form, code: e.target.value })}
          />
          <div>
            <Button type="submit" loading={busy}>
              Generate new codes
            </Button>
          </div>
        </form>
      )}
    </Section>
  );
}
