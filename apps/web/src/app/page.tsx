import { redirect } from "next/navigation";
import { getViewer } from "@/server/viewer";

export default async function Home() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const first = viewer.memberships[0];
  if (!first) redirect("/account");
  redirect(`/o/${first.slug}/fleet`);
}
