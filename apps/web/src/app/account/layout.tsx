import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { TopBar } from "@/components/shell/top-bar";
import { ToastProvider } from "@/components/ui/toast";
import { ApiProvider } from "@/lib/trpc/provider";
import { getViewer } from "@/server/viewer";

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login?next=/account");
  return (
    <ApiProvider>
      <ToastProvider>
        <TopBar user={viewer.user} memberships={viewer.memberships} />
        <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">{children}</main>
      </ToastProvider>
    </ApiProvider>
  );
}
