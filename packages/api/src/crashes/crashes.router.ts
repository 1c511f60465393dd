import { CrashGroupStatus } from "@fleetdeck/db";
import { z } from "zod";
import { parseLabels } from "../fleet/labels";
import { memberProcedure, operatorProcedure, router } from "../trpc";
import {
  addComment,
  crashGroupDetail,
  mergeGroups,
  setGroupStatus,
  splitCrash,
  updateGroup,
} from "./group.service";
import { hostCrashes } from "./host-crashes.service";
import { GROUP_SORTS, inboxFacets, listCrashGroups } from "./inbox.service";
import { requestVmcore } from "./vmcore.service";

const statusSchema = z.enum(
  Object.values(CrashGroupStatus) as [CrashGroupStatus, ...CrashGroupStatus[]],
);
const groupId = z.object({ groupId: z.uuid() });
const actorOf = (ctx: { viewer: { user: { id: string; email: string } } }) => ({
  userId: ctx.viewer.user.id,
  email: ctx.viewer.user.email,
});

export const crashesRouter = router({
  inbox: memberProcedure
    .input(
      z.object({
        status: z.array(statusSchema).max(5).optional(),
        kind: z.string().max(64).optional(),
        module: z.string().max(64).optional(),
        kernel: z.string().max(128).optional(),
        hostLabels: z.string().max(500).optional(),
        sort: z.enum(GROUP_SORTS).default("lastSeenAt"),
        direction: z.enum(["asc", "desc"]).default("desc"),
        page: z.number().int().min(0).default(0),
        pageSize: z.number().int().min(10).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) =>
      listCrashGroups(ctx.db, {
        ...input,
        hostLabels: input.hostLabels ? parseLabels(input.hostLabels) : undefined,
        organizationId: ctx.organizationId,
      }),
    ),

  facets: memberProcedure.query(({ ctx }) => inboxFacets(ctx.db, ctx.organizationId)),

  forHost: memberProcedure
    .input(z.object({ hostId: z.uuid() }))
    .query(({ ctx, input }) => hostCrashes(ctx.db, ctx.organizationId, input.hostId)),

  group: memberProcedure
    .input(groupId)
    .query(({ ctx, input }) => crashGroupDetail(ctx.db, ctx.organizationId, input.groupId)),

  setStatus: operatorProcedure
    .input(z.object({ groupIds: z.array(z.uuid()).min(1).max(500), status: statusSchema }))
    .mutation(async ({ ctx, input }) => {
      await setGroupStatus(ctx.db, ctx.organizationId, input.groupIds, input.status);
      if (ctx.audit)
        Object.assign(ctx.audit, {
          targetType: "crash_group",
          targetId: input.groupIds.length === 1 ? input.groupIds[0] : undefined,
        });
      return { ok: true };
    }),

  update: operatorProcedure
    .input(
      groupId.extend({
        assigneeId: z.uuid().nullable().optional(),
        fixedIn: z.string().trim().max(128).nullable().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await updateGroup(ctx.db, ctx.organizationId, input.groupId, {
        assigneeId: input.assigneeId,
        fixedIn: input.fixedIn === "" ? null : input.fixedIn,
      });
      if (ctx.audit)
        Object.assign(ctx.audit, { targetType: "crash_group", targetId: input.groupId });
      return { ok: true };
    }),

  comment: operatorProcedure
    .input(groupId.extend({ body: z.string().trim().min(1, "Write something first.").max(10_000) }))
    .mutation(async ({ ctx, input }) => {
      const comment = await addComment(
        ctx.db,
        ctx.organizationId,
        input.groupId,
        ctx.viewer.user.id,
        input.body,
      );
      if (ctx.audit)
        Object.assign(ctx.audit, { targetType: "crash_group", targetId: input.groupId });
      return comment;
    }),

  merge: operatorProcedure
    .input(z.object({ sourceGroupId: z.uuid(), targetGroupId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      await mergeGroups(
        ctx.db,
        ctx.organizationId,
        input.sourceGroupId,
        input.targetGroupId,
        actorOf(ctx),
      );
      if (ctx.audit) ctx.audit.skip = true;
      return { ok: true };
    }),

  /** "Fetch vmcore": the crashed host's agent uploads the dump it kept. */
  fetchVmcore: operatorProcedure
    .input(z.object({ crashId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const command = await requestVmcore(ctx.db, ctx.commandSigner, {
        organizationId: ctx.organizationId,
        crashId: input.crashId,
        createdById: ctx.viewer.user.id,
      });
      if (ctx.audit)
        Object.assign(ctx.audit, {
          targetType: "crash",
          targetId: input.crashId,
          details: { commandId: command.id },
        });
      return command;
    }),

  split: operatorProcedure
    .input(z.object({ crashId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const result = await splitCrash(ctx.db, ctx.organizationId, input.crashId, actorOf(ctx));
      if (ctx.audit) ctx.audit.skip = true;
      return result;
    }),
});
