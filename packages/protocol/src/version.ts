/** The wire version every message carries; a server answers older agents or refuses them plainly. */
export const PROTOCOL_VERSION = 1;

/** Agent API paths, relative to the server URL. */
export const AGENT_PATHS = {
  enroll: "/api/agent/v1/enroll",
  heartbeat: "/api/agent/v1/heartbeat",
  stream: "/api/agent/v1/stream",
  /** `${commands}/<id>/ack` and `${commands}/<id>/result`. */
  commands: "/api/agent/v1/commands",
  crashes: "/api/agent/v1/crashes",
  /** `${uploads}/<id>` to resume and to send chunks. */
  uploads: "/api/agent/v1/uploads",
} as const;
