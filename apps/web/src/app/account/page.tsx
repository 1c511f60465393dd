import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { getViewer } from "@/server/viewer";
import { PasswordSection } from "./password-section";
import { RecoverySection } from "./recovery-section";
import { SessionsSection } from "./sessions-section";
import { TotpSection } from "./totp-section";

export const metadata: Metadata = { title: "Account security" };

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await getViewer();
  const params = await searchParams;
  const home = viewer?.memberships[0] ? `/o/${viewer.memberships[0].slug}/fleet` : "/";
  return (
    <>
      <Link href={home} className="text-sm text-muted hover:text-fg">
        ← Back to the dashboard
      </Link>
      <div className="mt-3">
        <PageHeader title="Account security" description={`Signed in as ${viewer?.user.email}`} />
      </div>
      {params.recovery === "low" ? (
        <p
          role="status"
          className="mb-6 rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-warn"
        >
          You have few recovery codes left. Generate a new set below.
        </p>
      ) : null}
      {params.totp === "moved" ? (
        <p
          role="status"
          className="mb-6 rounded-md border border-ok/40 bg-ok-soft px-3 py-2 text-sm text-ok"
        >
          Your authenticator moved to the new device. Other sessions were signed out.
        </p>
      ) : null}
      <div className="space-y-6">
        <PasswordSection />
        <TotpSection />
        <RecoverySection />
        <SessionsSection />
      </div>
    </>
  );
}
