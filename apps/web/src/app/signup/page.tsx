"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { AuthCard, FormError } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { postJson } from "@/lib/post-json";

export default function SignupPage() {
  const [form, setForm] = useState({ name: "", email: "", password: "", organizationName: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await postJson("/api/auth/signup", form);
    if (result.ok) return window.location.assign("/enroll");
    setBusy(false);
    setError(result.message);
  }

  return (
    <AuthCard
      title="Create your organization"
      subtitle="You will be its owner. Two-factor authentication is set up next."
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={error} />
        <Field
          label="Your name"
          name="name"
          autoComplete="name"
          required
          autoFocus
          value={form.name}
          onChange={set("name")}
        />
        <Field
          label="Work email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={form.email}
          onChange={set("email")}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={form.password}
          onChange={set("password")}
          hint="At least 12 characters. A passphrase of a few words works well; very common passwords are refused."
        />
        <Field
          label="Organization name"
          name="organizationName"
          required
          value={form.organizationName}
          onChange={set("organizationName")}
          placeholder="Acme Networks"
        />
        <Button type="submit" variant="primary" className="w-full justify-center" loading={busy}>
          Continue to two-factor setup
        </Button>
        <p className="text-center text-sm text-muted">
          Already have an account?{" "}
          <Link href="/login" className="font-medium text-accent hover:underline">
            Sign in
          </Link>
        </p>
      </form>
    </AuthCard>
  );
}
