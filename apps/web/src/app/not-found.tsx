import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="font-mono text-sm text-faint">404</p>
      <h1 className="text-xl font-semibold">
        This page does not exist, or it is not yours to see.
      </h1>
      <Link href="/" className="text-sm font-medium text-accent hover:underline">
        Go to your dashboard
      </Link>
    </main>
  );
}
