import { describe, expect, it } from "vitest";
import { basicConfigurationSchema } from "@/lib/validations/channels/basic";
import { channelInformationSchema, defaultCloudApiBaseUrl } from "@/lib/validations/channels/information";
import {
  basicFormValues,
  defaultBasic,
  defaultRobot,
  draftData,
  fieldId,
  followedCloudApiBaseUrl,
  informationFormValues,
  keptSecretsFor,
  newInformation,
  variantDefaults,
  variantOfValues,
  variantSelection,
  PROVIDER_TILES,
  type WizardValues,
} from "./wizard-values";
import { routeServerErrors } from "./server-errors";
import { draftStep, restoreDraft } from "./wizard-restore";

const start = (): WizardValues => ({ information: newInformation(), basic: defaultBasic(), robot: defaultRobot() });

describe("variantOfValues", () => {
  it("reads the variant, with other's verification method", () => {
    expect(variantOfValues({ provider: "other", verificationMethod: "oAuth" })).toBe("other-oAuth");
    expect(variantOfValues({ provider: "other", verificationMethod: "basic" })).toBe("other-basic");
    expect(variantOfValues({ provider: "twilio" })).toBe("twilio");
  });

  it("is null while no (known) provider is chosen", () => {
    expect(variantOfValues({ provider: "" })).toBeNull();
    expect(variantOfValues({ provider: "toString" })).toBeNull();
    expect(variantOfValues({})).toBeNull();
  });
});

describe("variantDefaults and variantSelection", () => {
  it("fills only the fields the variant lacks, with its starting values", () => {
    const patch = variantDefaults({ ...newInformation(), provider: "twilio", phoneNumber: "+4915112345678" }, "twilio");
    expect(patch).toEqual({ confirmationPhoneNumber: "", accountSid: "", authToken: "", chatLanguage: "en" });
  });

  it("gives cloud-api the default BaseUrl of its phone number ID, but keeps a typed one", () => {
    expect(variantDefaults({ provider: "cloud-api", phoneNumberId: "1234567" }, "cloud-api").baseUrl).toBe(defaultCloudApiBaseUrl("1234567"));
    expect(variantDefaults({ provider: "cloud-api", baseUrl: "https://proxy.example/" }, "cloud-api").baseUrl).toBeUndefined();
    expect(variantDefaults({ provider: "cloud-api" }, "cloud-api").tokenValidity).toBe("never");
  });

  it("replaces another provider's BaseUrl by the cloud-api default, and drops that default when leaving cloud-api", () => {
    const infobip = { provider: "cloud-api", baseUrl: "https://seed.api.infobip.com/", phoneNumberId: "555555" };
    expect(variantDefaults(infobip, "cloud-api", "infobip").baseUrl).toBe(defaultCloudApiBaseUrl("555555"));
    const cloud = { provider: "infobip", baseUrl: defaultCloudApiBaseUrl("555555"), phoneNumberId: "555555" };
    expect(variantDefaults(cloud, "infobip", "cloud-api").baseUrl).toBe("");
    const edited = { provider: "infobip", baseUrl: "https://proxy.example/", phoneNumberId: "555555" };
    expect(variantDefaults(edited, "infobip", "cloud-api").baseUrl).toBeUndefined();
  });

  it("sets the channel type, provider and verification method of the chosen tile, and reads back as that tile", () => {
    expect(variantSelection("telegram")).toEqual({ channelType: "telegram", provider: "telegram" });
    expect(variantSelection("other-oAuth")).toEqual({ channelType: "whatsapp", provider: "other", verificationMethod: "oAuth" });
    expect(variantSelection("cloud-api")).toEqual({ channelType: "whatsapp", provider: "cloud-api" });
    for (const tile of PROVIDER_TILES) expect(variantOfValues({ ...newInformation(), ...variantSelection(tile) })).toBe(tile);
  });
});

describe("followedCloudApiBaseUrl", () => {
  it("follows the phone number ID while the BaseUrl is the default or empty", () => {
    expect(followedCloudApiBaseUrl(defaultCloudApiBaseUrl("111"), "111", "1112")).toBe(defaultCloudApiBaseUrl("1112"));
    expect(followedCloudApiBaseUrl("", "", "42")).toBe(defaultCloudApiBaseUrl("42"));
  });

  it("leaves a BaseUrl the administrator edited", () => {
    expect(followedCloudApiBaseUrl("https://proxy.example/v21.0/111/messages", "111", "1112")).toBeNull();
  });

  it("answers null when nothing changes", () => {
    expect(followedCloudApiBaseUrl(defaultCloudApiBaseUrl("111"), "111", "111")).toBeNull();
  });
});

describe("keptSecretsFor", () => {
  const stored = { masks: { appSecret: "••••abcd", botToken: "••••wxyz" }, information: { provider: "telegram", appKey: "app-1" } };

  it("keeps nothing for a new channel", () => {
    expect(keptSecretsFor({ provider: "telegram", appKey: "app-1" }, undefined)).toEqual([]);
  });

  it("keeps every stored secret while the app key is unchanged", () => {
    expect(keptSecretsFor({ provider: "telegram", appKey: "app-1" }, stored)).toEqual(["appSecret", "botToken"]);
  });

  it("drops the app secret when the app key changes, like the server does", () => {
    expect(keptSecretsFor({ provider: "telegram", appKey: "app-2" }, stored)).toEqual(["botToken"]);
  });

  it("makes the schema require a kept secret only when it is not kept", () => {
    const values = {
      channelType: "telegram",
      provider: "telegram",
      appKey: "app-2",
      appSecret: "",
      baseUrl: "https://203.0.113.10:8443",
      trustCertificateId: "7b3f1c2e-8a4d-4e5f-9a6b-1c2d3e4f5a6b",
      identityCertificateId: "8c4a2d3f-9b5e-4f6a-8b7c-2d3e4f5a6b7c",
      botToken: "",
    };
    const schema = (appKey: string) =>
      channelInformationSchema({ keptSecrets: keptSecretsFor({ ...values, appKey }, stored), approvedPrefixes: ["https://203.0.113.10:8443/"] });
    expect(schema("app-1").safeParse({ ...values, appKey: "app-1" }).success).toBe(true);
    const changed = schema("app-2").safeParse(values);
    expect(changed.success).toBe(false);
    expect(changed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["appSecret"]);
  });
});

describe("drafts", () => {
  it("never carries a secret", () => {
    const values = start();
    values.information = { ...values.information, provider: "infobip", userName: "u", password: "p@ss", accountKey: "k", webhookPassword: "w".repeat(12) };
    const data = draftData(values);
    expect(data.information).toEqual({ channelType: "whatsapp", provider: "infobip", verificationMethod: "basic", userName: "u" });
    expect(JSON.stringify(data)).not.toContain("p@ss");
  });

  it("restores a draft over the starting values, and never restores a secret from it", () => {
    const restored = restoreDraft(
      {
        information: { channelType: "whatsapp", provider: "twilio", phoneNumber: "+4915112345678", authToken: "0123456789abcdef0123456789abcdef" },
        basic: { name: "Sales_1", transferKeywords: ["agent"], noCustomerReply: { enabled: true, minutes: 15, message: "Bye" } },
        robot: { robotEnabled: true, robotName: "Bot" },
      },
      start(),
      { fixedVariant: false },
    );
    expect(restored.information).toMatchObject({ provider: "twilio", phoneNumber: "+4915112345678", authToken: "", chatLanguage: "en" });
    expect(restored.basic.name).toBe("Sales_1");
    expect(restored.basic.transferKeywords).toEqual(["agent"]);
    expect(restored.basic.noCustomerReply).toEqual({ enabled: true, minutes: "15", message: "Bye" });
    expect(restored.basic.workTime).toEqual(defaultBasic().workTime);
    expect(restored.robot).toEqual({ robotEnabled: true, robotName: "Bot", assistantEnabled: false });
  });

  it("falls back on anything malformed", () => {
    const fallback = start();
    const restored = restoreDraft(
      {
        information: ["not", "an", "object"],
        basic: { name: 42, transferKeywords: [1, 2], workTime: { workday: [], nonWorkday: [{ start: 9 }] }, lastAgentMode: "yes" },
        robot: null,
      },
      fallback,
      { fixedVariant: false },
    );
    expect(restored).toEqual(fallback);
    expect(restoreDraft("garbage", fallback, { fixedVariant: false })).toEqual(fallback);
  });

  it("refuses more than four segments and unknown channel types", () => {
    const fallback = start();
    const five = Array.from({ length: 5 }, () => ({ start: "09:00", end: "10:00" }));
    const restored = restoreDraft(
      { information: { channelType: "constructor", provider: "x" }, basic: { workTime: { workday: five, nonWorkday: five } } },
      fallback,
      { fixedVariant: false },
    );
    expect(restored.basic.workTime).toEqual(fallback.basic.workTime);
    expect(restored.information.channelType).toBe("whatsapp");
    expect(restored.information.provider).toBe("");
  });

  it("keeps an edited channel's type, provider and method whatever the draft says", () => {
    const fallback = { ...start(), information: { channelType: "whatsapp", provider: "other", verificationMethod: "oAuth", userName: "k" } };
    const restored = restoreDraft({ information: { channelType: "telegram", provider: "telegram", verificationMethod: "basic", userName: "k2" } }, fallback, {
      fixedVariant: true,
    });
    expect(restored.information).toMatchObject({ channelType: "whatsapp", provider: "other", verificationMethod: "oAuth", userName: "k2" });
  });

  it("reads the step, defaulting to 1", () => {
    expect(draftStep(3)).toBe(3);
    expect(draftStep(2)).toBe(2);
    expect(draftStep(4)).toBe(1);
    expect(draftStep("2")).toBe(1);
  });
});

describe("stored values", () => {
  it("turns a stored channel's step 2 into form values the schema accepts", () => {
    const values = basicFormValues({
      ...defaultBasic(),
      name: "Sales",
      ouId: "7b3f1c2e-8a4d-4e5f-9a6b-1c2d3e4f5a6b",
      skillQueueId: "8c4a2d3f-9b5e-4f6a-8b7c-2d3e4f5a6b7c",
      noCustomerReply: { enabled: true, minutes: 30, message: "Bye" },
      noAgentReply: { enabled: false },
      sessionTransfer: { enabled: false },
    });
    expect(values.noCustomerReply).toEqual({ enabled: true, minutes: "30", message: "Bye" });
    expect(values.noAgentReply).toEqual({ enabled: false, minutes: "", targetSkillQueueId: "" });
    const parsed = basicConfigurationSchema.safeParse(values);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.noCustomerReply).toEqual({ enabled: true, minutes: 30, message: "Bye" });
  });

  it("empties secrets of a stored channel's step 1", () => {
    const values = informationFormValues({
      channelType: "whatsapp",
      provider: "twilio",
      phoneNumber: "+4915112345678",
      confirmationPhoneNumber: "+4915112345679",
      accountSid: `AC${"a".repeat(32)}`,
      authToken: "should-not-survive",
      chatLanguage: "de",
    });
    expect(values.authToken).toBe("");
    expect(values.chatLanguage).toBe("de");
  });
});

describe("routeServerErrors", () => {
  it("sends each field error to the step that owns it and shows the first such step", () => {
    const routed = routeServerErrors({
      "robot.robotEnabled": ["channels.validation.transferKeywordRequired"],
      "basic.workTime.workday.1.start": ["serviceTime.validation.segmentOverlap"],
      "basic.noAgentReply.targetSkillQueueId": ["channels.errors.skillQueueNotFound"],
      "information.phoneNumber": ["channels.errors.numberInUse"],
      _form: ["validation"],
    });
    expect(routed.fields[1]).toEqual([{ path: "phoneNumber", message: "channels.errors.numberInUse" }]);
    expect(routed.fields[2].map((e) => e.path)).toEqual(["workTime.workday.1.start", "noAgentReply.targetSkillQueueId"]);
    expect(routed.fields[3]).toEqual([{ path: "robotEnabled", message: "channels.validation.transferKeywordRequired" }]);
    expect(routed.firstStep).toBe(1);
    expect(routed.general).toEqual(["validation"]);
  });

  it("has no step to show when no field is named", () => {
    expect(routeServerErrors(undefined)).toEqual({ fields: { 1: [], 2: [], 3: [] }, general: [], firstStep: null });
    expect(routeServerErrors({ version: ["invalidId"] }).general).toEqual(["invalidId"]);
  });
});

describe("fieldId", () => {
  it("turns a path into a stable element id", () => {
    expect(fieldId("workTime.workday.0.start")).toBe("field-workTime-workday-0-start");
    expect(fieldId("baseUrl")).toBe("field-baseUrl");
  });
});
