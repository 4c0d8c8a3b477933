import { parseCrontab } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { TOKEN_RECHECK_JOB } from "@/lib/channels/meta/token-recheck-job";
import { OUTBOUND_CRONTAB } from "./worker";

describe("the outbound worker's schedule", () => {
  it("re-checks Meta's access tokens once a day", () => {
    const items = parseCrontab(OUTBOUND_CRONTAB);
    expect(items.map((item) => item.task)).toEqual([TOKEN_RECHECK_JOB]);
    // One minute of one hour, every day.
    expect(OUTBOUND_CRONTAB).toMatch(/^\d{1,2} \d{1,2} \* \* \* meta-token-recheck\n$/);
  });
});
