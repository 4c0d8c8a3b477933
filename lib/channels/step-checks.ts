import { channelNameTaken } from "@/db/queries/channel-names";
import { AppError } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import { outboundScope } from "@/lib/outbound/scope";
import type { ChannelStepCheck } from "@/lib/validations/channels/step-check";
import { checkBotToken } from "./telegram-token";

/*
 * The wizard's Next asks here before leaving a step, so a rule only the server can judge is told
 * on its own step instead of after the final save, which would send the administrator back. The
 * save still enforces both (the unique index, getMe): this only tells earlier.
 */

const e = (key: string) => `channels.errors.${key}`;

export async function checkChannelStep(input: ChannelStepCheck, ctx: TenantContext): Promise<void> {
  const scope = { tenantId: ctx.tenantId };
  if (input.step === "basic") {
    if (await channelNameTaken(ctx.db, scope, input.basic.name, input.channelId)) refuse("basic.name", e("nameTaken"));
    return;
  }
  const problem = await checkBotToken(input.information.botToken, outboundScope(ctx.db, ctx.tenantId));
  if (problem) refuse("information.botToken", problem);
}

function refuse(field: string, key: string): never {
  throw new AppError("validation", "validation", { [field]: [key] });
}
