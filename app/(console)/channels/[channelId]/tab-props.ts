import type { ChannelDetail } from "@/db/queries/channel-detail";

/** What every tab of the channel page gets from the page: the channel (already scoped to the viewer's tenant) and the viewer. */
export interface ChannelTabProps {
  detail: ChannelDetail;
  tenantId: string;
  /** Tenant administrators change things; support staff read. */
  isAdmin: boolean;
  searchParams: Record<string, string | string[] | undefined>;
}
