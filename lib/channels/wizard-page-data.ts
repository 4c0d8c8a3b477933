import "server-only";
import { getFormatter } from "next-intl/server";
import { getDb } from "@/db";
import { loadChannelFormOptions } from "@/db/queries/channel-form-options";
import { listApprovedPrefixes, listPendingTenantPrefixes } from "@/db/queries/trustlist";
import { loadDraft } from "./drafts";
import type { TenantUser } from "@/lib/guard/guard";

/** A saved draft as the wizard restores it (components/channels/wizard/wizard-notices.tsx shows it). */
export interface RestoredDraft {
  step: number;
  /** The stored draft as saved: untrusted JSON, restored field by field. */
  data: unknown;
  /** The channel version an edit draft started from; null for a new channel. */
  baseVersion: number | null;
  /** When it was last written, already formatted for the reader. */
  savedAt: string;
}

/** What both wizard pages load: the tenant's choices, the approved BaseUrl prefixes and its pending requests, and the user's draft. */
export async function loadWizardPageData(user: TenantUser, channelId?: string) {
  const db = getDb();
  const [options, approvedPrefixes, pendingPrefixes, draft, format] = await Promise.all([
    loadChannelFormOptions(db, { tenantId: user.tenantId }),
    listApprovedPrefixes(db),
    listPendingTenantPrefixes(db, { tenantId: user.tenantId }),
    loadDraft({ db, tenantId: user.tenantId, user }, channelId),
    getFormatter(),
  ]);
  const restored: RestoredDraft | null = draft
    ? {
        step: draft.step,
        data: draft.data,
        baseVersion: draft.baseVersion,
        savedAt: format.dateTime(draft.updatedAt, { dateStyle: "medium", timeStyle: "short" }),
      }
    : null;
  return { options, approvedPrefixes, pendingPrefixes, draft: restored };
}
