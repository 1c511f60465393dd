import { seal, totpAt } from "@fleetdeck/auth";
import { dbTest } from "@fleetdeck/db/testing";
import { describe, expect } from "vitest";
import { createCaller } from "../root";
import { contextFor, testKeyring } from "../testing/context";
import { memberOf } from "../testing/people";

describe("organization members", () => {
  dbTest("an organization always keeps an owner", async ({ db }) => {
    const owner = await memberOf(db, "acme", "owner");
    const caller = createCaller(
      await contextFor(db, { sessionToken: owner.token, orgSlug: "acme" }),
    );
    await expect(caller.org.changeRole({ userId: owner.userId, role: "admin" })).rejects.toThrow(
      /at least one owner/,
    );
    await expect(caller.org.removeMember({ userId: owner.userId })).rejects.toThrow(
      /at least one owner/,
    );
    const second = await memberOf(db, "acme", "admin");
    await caller.org.changeRole({ userId: second.userId, role: "owner" });
    await caller.org.changeRole({ userId: owner.userId, role: "viewer" });
    const roles = await db.prisma.membership.findMany({
      where: { organizationId: owner.orgId },
      select: { role: true },
    });
    expect(roles.map((r) => r.role).sort()).toEqual(["owner", "viewer"]);
  });

  dbTest("an admin cannot make owners nor invite above their own role", async ({ db }) => {
    const admin = await memberOf(db, "acme", "admin");
    const viewer = await memberOf(db, "acme", "viewer");
    const caller = createCaller(
      await contextFor(db, { sessionToken: admin.token, orgSlug: "acme" }),
    );
    await expect(caller.org.changeRole({ userId: viewer.userId, role: "owner" })).rejects.toThrow(
      /Only an owner/,
    );
    await expect(caller.org.createInvite({ role: "owner", expiresInHours: 24 })).rejects.toThrow(
      /cannot invite someone as owner/,
    );
    const invite = await caller.org.createInvite({ role: "operator", expiresInHours: 24 });
    expect(invite.url).toMatch(/^http:\/\/fleetdeck\.test\/invite\/[A-Za-z0-9_-]{43}$/);
  });

  dbTest("ids from another organization are not found, not changed", async ({ db }) => {
    const admin = await memberOf(db, "acme", "owner");
    const stranger = await memberOf(db, "globex", "viewer");
    const caller = createCaller(
      await contextFor(db, { sessionToken: admin.token, orgSlug: "acme" }),
    );
    await expect(caller.org.changeRole({ userId: stranger.userId, role: "admin" })).rejects.toThrow(
      /not a member of this organization/,
    );
    await expect(caller.org.removeMember({ userId: stranger.userId })).rejects.toThrow(
      /not a member/,
    );
  });

  dbTest(
    "resetting a member's TOTP needs a fresh code from the admin, and is audited",
    async ({ db }) => {
      const admin = await memberOf(db, "acme", "admin");
      const member = await memberOf(db, "acme", "operator");
      const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
      await db.prisma.user.update({
        where: { id: admin.userId },
        data: {
          totpSecret: seal(testKeyring, secret, `totp:${admin.userId}`),
          totpEnrolledAt: new Date(),
        },
      });
      await db.prisma.user.update({
        where: { id: member.userId },
        data: { totpEnrolledAt: new Date() },
      });
      const caller = createCaller(
        await contextFor(db, { sessionToken: admin.token, orgSlug: "acme" }),
      );
      await expect(caller.org.resetTotp({ userId: member.userId, code: "000000" })).rejects.toThrow(
        /did not work/,
      );
      const code = await totpAt(secret, new Date());
      await caller.org.resetTotp({ userId: member.userId, code });
      // The same code cannot be used twice, here either.
      await expect(caller.org.resetTotp({ userId: member.userId, code })).rejects.toThrow(
        /did not work/,
      );
      const after = await db.prisma.user.findUniqueOrThrow({
        where: { id: member.userId },
        select: { totpEnrolledAt: true },
      });
      expect(after.totpEnrolledAt).toBeNull();
      expect(
        await db.prisma.session.count({ where: { userId: member.userId, revokedAt: null } }),
      ).toBe(0);
      const events = await db.prisma.auditEvent.findMany({
        where: { action: "member.totp_reset" },
        select: { targetId: true, actorUserId: true },
      });
      expect(events).toEqual([{ targetId: member.userId, actorUserId: admin.userId }]);
    },
  );

  dbTest(
    "every mutation leaves an audit line with the organization, actor and redacted input",
    async ({ db }) => {
      const owner = await memberOf(db, "acme", "owner");
      const caller = createCaller(
        await contextFor(db, { sessionToken: owner.token, orgSlug: "acme" }),
      );
      await caller.org.createInvite({ role: "viewer", email: "new@acme.test", expiresInHours: 24 });
      const [event] = await db.prisma.auditEvent.findMany({
        where: { action: "org.createInvite" },
      });
      expect(event).toMatchObject({
        organizationId: owner.orgId,
        actorUserId: owner.userId,
        ip: "192.0.2.10",
        targetType: "invite",
      });
      expect(event?.details).toMatchObject({ role: "viewer", email: "new@acme.test" });
    },
  );
});
