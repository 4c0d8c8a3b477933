import { describe, expect, it } from "vitest";
import { secretsToRetype } from "./wizard-restore";

/* Which secrets a restored draft asks for again (issue 17, bug 2): never kept in drafts, so named. */

describe("secretsToRetype", () => {
  it("names every secret of a new channel's variant, the optional bot token as optional", () => {
    expect(secretsToRetype({ channelType: "whatsapp", provider: "infobip" }, undefined)).toEqual([
      { name: "password", required: true },
      { name: "accountKey", required: true },
      { name: "webhookPassword", required: true },
    ]);
    expect(secretsToRetype({ channelType: "telegram", provider: "telegram", appKey: "k" }, undefined)).toEqual([
      { name: "appSecret", required: true },
      { name: "botToken", required: false },
    ]);
  });

  it("names nothing while no provider is chosen", () => {
    expect(secretsToRetype({ channelType: "whatsapp", provider: "" }, undefined)).toEqual([]);
  });

  it("leaves out what an edited channel keeps, but not an app secret once the app key changed", () => {
    const stored = { masks: { appSecret: "••••ab12" }, information: { channelType: "telegram", provider: "telegram", appKey: "old" } };
    expect(secretsToRetype({ channelType: "telegram", provider: "telegram", appKey: "old" }, stored)).toEqual([{ name: "botToken", required: false }]);
    expect(secretsToRetype({ channelType: "telegram", provider: "telegram", appKey: "new" }, stored)).toEqual([
      { name: "appSecret", required: true },
      { name: "botToken", required: false },
    ]);
  });
});
