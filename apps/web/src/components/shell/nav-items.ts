import {
  Bug,
  type LucideIcon,
  Rocket,
  ScrollText,
  Server,
  Settings,
  SlidersHorizontal,
} from "lucide-react";

export interface NavItem {
  /** Path segment under /o/<org>/. */
  segment: string;
  label: string;
  icon: LucideIcon;
}

export const navItems: NavItem[] = [
  { segment: "fleet", label: "Fleet", icon: Server },
  { segment: "policies", label: "Policies", icon: SlidersHorizontal },
  { segment: "rollouts", label: "Rollouts", icon: Rocket },
  { segment: "crashes", label: "Crashes", icon: Bug },
  { segment: "audit", label: "Audit log", icon: ScrollText },
  { segment: "settings", label: "Settings", icon: Settings },
];
