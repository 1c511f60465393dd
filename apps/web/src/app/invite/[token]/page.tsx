import { AuthError, previewInvite } from "@fleetdeck/auth";
import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard, FormError } from "@/components/auth/auth-card";
import { getRuntime } from "@/server/runtime";
import { getViewer } from "@/server/viewer";
import { AcceptInvite } from "./accept-invite";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { db, keyring } = getRuntime();
  try {
    const invite = await previewInvite({ db, keyring }, token);
    const viewer = await getViewer();
    return <AcceptInvite token={token} invite={invite} signedInAs={viewer?.user.email ?? null} />;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return (
      <AuthCard title="Invitation">
        <FormError message={error.message} />
        <Link
          href="/login"
          className="mt-4 inline-block text-sm font-medium text-accent hover:underline"
        >
          Go to sign in
        </Link>
      </AuthCard>
    );
  }
}
