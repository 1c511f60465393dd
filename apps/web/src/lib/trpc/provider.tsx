"use client";

import type { AppRouter } from "@fleetdeck/api/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { type ReactNode, useRef, useState } from "react";
import superjson from "superjson";
import { TRPCProvider } from "./react";

/** Query cache and tRPC client for the dashboard; `orgSlug` scopes every call. */
export function ApiProvider({ orgSlug, children }: { orgSlug?: string; children: ReactNode }) {
  // The client outlives a switch of organization; the header reads the current one.
  const org = useRef(orgSlug);
  org.current = orgSlug;
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: true } },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "/api/trpc",
          transformer: superjson,
          headers: () => (org.current ? { "x-fleetdeck-org": org.current } : {}),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
