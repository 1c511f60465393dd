"use client";

import { type FormEvent, useState } from "react";
import { FormError } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { postJson } from "@/lib/post-json";
import { Section } from "./section";

export function PasswordSection() {
  const toast = useToast();
  const [form, setForm] = useState({ currentPassword: "", newPassword: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await postJson("/api/auth/account/password", form);
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setForm({ currentPassword: "", newPassword: "" });
    toast({
      tone: "success",
      title: "Password changed",
      description: "Every other session was signed out.",
    });
  }

  return (
    <Section title="Password" description="Changing it signs out every other browser.">
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
        <div className="sm:col-span-2">
          <FormError message={error} />
        </div>
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={form.currentPassword}
          onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          value={form.newPassword}
          onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
          hint="At least 12 characters."
        />
        <div>
          <Button type="submit" loading={busy}>
            Change password
          </Button>
        </div>
      </form>
    </Section>
  );
}
