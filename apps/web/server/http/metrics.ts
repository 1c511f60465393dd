import type pg from "pg";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Prometheus metrics: process, HTTP by route pattern, and the database pool. */
export function createMetrics(pool: pg.Pool, agentStreams: () => number = () => 0) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests by method, route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration by method and route pattern",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  for (const [name, help, read] of [
    ["db_pool_connections", "Connections open in the database pool", () => pool.totalCount],
    ["db_pool_idle_connections", "Idle connections in the database pool", () => pool.idleCount],
    ["db_pool_waiting_requests", "Queries waiting for a pool connection", () => pool.waitingCount],
    ["agent_streams_connected", "Agent command streams open on this instance", agentStreams],
  ] as const) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  }
  return {
    registry,
    observe(method: string, route: string, status: number, seconds: number) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const patterns: [RegExp, string][] = [
  [/^\/_next\/static\//, "/_next/static"],
  [/^\/_next\//, "/_next"],
  [/^\/api\/trpc(\/|$)/, "/api/trpc"],
  [/^\/api\/agent\/v1\/([a-z-]+)/, "/api/agent/v1/$1"],
  [/^\/api\/auth\/([a-z-]+)/, "/api/auth/$1"],
  [/^\/api\/(health|metrics)$/, "/api/$1"],
  [/^\/o\/[^/]+\/([a-z-]+)\/[^/]+/, "/o/:org/$1/:id"],
  [/^\/o\/[^/]+\/([a-z-]+)/, "/o/:org/$1"],
  [/^\/(login|signup|account|invite)(\/|$)/, "/$1"],
  [/^\/$/, "/"],
];

/** A bounded label: the route pattern, never the raw path (ids would explode cardinality). */
export function routeLabel(pathname: string): string {
  for (const [pattern, label] of patterns) {
    const match = pattern.exec(pathname);
    if (match) return label.replace("$1", match[1] ?? "");
  }
  return "other";
}
