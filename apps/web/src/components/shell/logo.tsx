import { Layers } from "lucide-react";
import Link from "next/link";

export function Logo({ href }: { href: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 font-semibold tracking-tight text-fg">
      <span className="flex size-7 items-center justify-center rounded-md bg-accent text-accent-fg">
        <Layers className="size-4" aria-hidden />
      </span>
      <span className="hidden sm:inline">Fleetdeck</span>
    </Link>
  );
}
