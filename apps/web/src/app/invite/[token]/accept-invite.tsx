"use client";

import type { InvitePreview } from "@fleetdeck/auth";
import { type FormEvent, useState } from "react";
import { AuthCard, FormError } from "@/components/auth/auth-card";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { postJson } from "@/lib/post-json";

export function AcceptInvite({
  token,
  invite,
  signedInAs,
}: {
  token: string;
  invite: InvitePreview;
  signedInAs: string | null;
}) {
  const [form, setForm] = useState({ email: invite.email ?? "", name: "", password: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await postJson<{ next: "enroll" | "dashboard"; organizationSlug: string }>(
      "/api/auth/invite/accept",
      signedInAs ? { token } : { token, ...form },
    );
    if (!result.ok) {
      setBusy(false);
      return setError(result.message);
    }
    const home = `/o/${result.data.organizationSlug}/fleet`;
    window.location.assign(
      result.data.next === "enroll" ? `/enroll?next=${encodeURIComponent(home)}` : home,
    );
  }

  const subtitle = (
    <>
      {invite.invitedBy} invited you to{" "}
      <strong className="text-fg">{invite.organizationName}</strong> as{" "}
      <Badge tone="accent">{invite.role}</Badge>
    </>
  );
  return (
    <AuthCard title="Join your team on Fleetdeck" subtitle={subtitle}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <FormError message={error} />
        {signedInAs ? (
          <p className="text-sm text-muted">You are signed in as {signedInAs}.</p>
        ) : (
          <>
            <Field
              label="Email"
              name="email"
              type="email"
              autoComplete="username"
              required
              readOnly={Boolean(invite.email)}
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
            />
            <Field
              label="Your name"
              name="name"
              autoComplete="name"
              required
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
            <Field
              label="Choose a password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
              hint="At least 12 characters; very common passwords are refused. Two-factor setup comes next."
            />
          </>
        )}
        <Button type="submit" variant="primary" className="w-full justify-center" loading={busy}>
          {signedInAs ? `Join ${invite.organizationName}` : "Create account and continue"}
        </Button>
      </form>
    </AuthCard>
  );
}
