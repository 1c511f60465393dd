import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { ToastProvider } from "@/components/ui/toast";
import { ApiProvider } from "@/lib/trpc/provider";
import { getViewer } from "@/server/viewer";

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?next=/o/${encodeURIComponent(org)}/fleet`);
  const current = viewer.memberships.find((m) => m.slug === org);
  // Not a member looks the same as no such organization.
  if (!current) notFound();
  return (
    <ApiProvider orgSlug={current.slug}>
      <ToastProvider>
        <AppShell viewer={viewer} current={current}>
          {children}
        </AppShell>
      </ToastProvider>
    </ApiProvider>
  );
}
