// Types only: what the browser bundle may import from the API package.
export type { AppRouter } from "./root";
