import type { DemoLogin } from "./demo";

/** The lines a newcomer reads after `npm start`: where to go and how to sign in. */
export function printBanner({
  url,
  demo,
  zeroSetup,
}: {
  url: string;
  demo: DemoLogin | null;
  zeroSetup: boolean;
}) {
  const lines = ["", `  Fleetdeck is running at ${url}`];
  if (demo) {
    lines.push(
      "",
      "  Sign in to the demo organization with:",
      `    email     ${demo.email}`,
      `    password  ${demo.password}`,
    );
    if (demo.totpSecret) {
      lines.push(
        `    TOTP      secret ${demo.totpSecret}  (oathtool --totp -b ${demo.totpSecret})`,
        `              ${demo.otpauthUri}`,
      );
    }
  }
  if (zeroSetup)
    lines.push("", "  Data lives in .fleetdeck/ (embedded PostgreSQL). Press Ctrl-C to stop.");
  lines.push("");
  process.stdout.write(`${lines.join("\n")}\n`);
}
