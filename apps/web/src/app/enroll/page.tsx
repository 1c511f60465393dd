import type { Metadata } from "next";
import { EnrollFlow } from "./enroll-flow";

export const metadata: Metadata = { title: "Two-factor setup" };

export default async function EnrollPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = (await searchParams).next;
  const safe =
    typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  return <EnrollFlow next={safe} />;
}
