import { signUp } from "@fleetdeck/auth";
import { z } from "zod";
import { challengeCookie, jsonWithCookies } from "@/server/auth-cookies";
import { authRoute } from "@/server/auth-route";
import { emailSchema, nameSchema } from "@/server/auth-schemas";

const input = z.object({
  email: emailSchema,
  name: nameSchema,
  password: z.string().max(1024),
  organizationName: z.string().trim().min(1, "Name your organization.").max(80),
});

export const POST = authRoute(input, async (body, ctx) => {
  const { challengeToken } = await signUp(ctx.deps, body, ctx.caller);
  return jsonWithCookies({ next: "enroll" }, [challengeCookie(challengeToken, ctx.secure)]);
});
