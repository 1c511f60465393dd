/** The server's version, shown in /api/health and the UI footer. */
export const VERSION = process.env.FLEETDECK_VERSION ?? "0.1.0";
