import type { Role } from "@fleetdeck/db";

export const ROLE_OPTIONS: { value: Role; label: string; help: string }[] = [
  { value: "viewer", label: "Viewer", help: "Reads everything, changes nothing." },
  { value: "operator", label: "Operator", help: "Changes policies, runs rollouts and commands." },
  {
    value: "admin",
    label: "Admin",
    help: "Also manages members, invitations, enrollment tokens and the webhook.",
  },
  { value: "owner", label: "Owner", help: "Everything, including other owners." },
];

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2, owner: 3 };

/** The roles someone with `role` may hand out. */
export const grantable = (role: Role) => ROLE_OPTIONS.filter((o) => rank[o.value] <= rank[role]);
