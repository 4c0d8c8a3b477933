import { describe, expect, it } from "vitest";
import { basicConfigurationSchema, type BasicConfigurationInput } from "./basic";
import { robotStepSchema, saveChannelEnvelopeSchema } from "./channel";
import { channelNameField } from "./fields";

const OU = "6f1c7f3e-3c1a-4c55-9d7e-0b5f3b0a9a11";
const QUEUE = "0d9b1f55-8a4e-4a6f-a3a2-7a4f58c2f0b2";

const BASIC: BasicConfigurationInput = {
  name: "Sales_WhatsApp",
  ouId: OU,
  skillQueueId: QUEUE,
  transferKeywords: ["agent", "human"],
  workTime: { workday: [{ start: "09:00", end: "18:00" }], nonWorkday: [{ start: "10:00", end: "16:00" }] },
  nonWorkingNotice: "We are closed.",
  lastAgentMode: true,
  noCustomerReply: { enabled: true, minutes: 30, message: "Closing the chat." },
  noAgentReply: { enabled: true, minutes: 5, targetSkillQueueId: QUEUE },
  sessionTransfer: { enabled: true, targetSkillQueueIds: [QUEUE, QUEUE] },
  offlineMessages: false,
};

function errorsOf(input: unknown) {
  const result = basicConfigurationSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("channel name", () => {
  it.each(["a", "_x", "Sales_1", "A".repeat(64)])("accepts %s", (name) => expect(channelNameField.safeParse(name).success).toBe(true));
  it.each([
    ["", "channels.validation.required"],
    ["1abc", "channels.validation.nameInvalid"],
    ["sales-team", "channels.validation.nameInvalid"],
    ["Sales Team", "channels.validation.nameInvalid"],
    ["Kanäle", "channels.validation.nameInvalid"],
    ["A".repeat(65), "channels.validation.nameTooLong"],
  ])("refuses %j", (name, key) => expect(channelNameField.safeParse(name).error?.issues[0]?.message).toBe(key));
});

describe("basic configuration (step 2)", () => {
  it("accepts a full configuration and de-duplicates transfer targets", () => {
    const parsed = basicConfigurationSchema.parse(BASIC);
    expect(parsed.sessionTransfer).toEqual({ enabled: true, targetSkillQueueIds: [QUEUE] });
  });

  it("forgets the settings of a switched-off option", () => {
    const parsed = basicConfigurationSchema.parse({ ...BASIC, noCustomerReply: { enabled: false, minutes: 0, message: "x" } });
    expect(parsed.noCustomerReply).toEqual({ enabled: false });
  });

  it.each([0, -5, 1441, 5000, 2.5])("refuses a session timer of %s minutes", (minutes) => {
    expect(errorsOf({ ...BASIC, noCustomerReply: { ...BASIC.noCustomerReply, minutes } })).toHaveProperty("noCustomerReply.minutes");
    expect(errorsOf({ ...BASIC, noAgentReply: { ...BASIC.noAgentReply, minutes } })).toHaveProperty("noAgentReply.minutes");
  });

  it("requires a target queue when transfer on no agent reply is on", () => {
    expect(errorsOf({ ...BASIC, noAgentReply: { enabled: true, minutes: 5, targetSkillQueueId: "" } })).toEqual({
      "noAgentReply.targetSkillQueueId": "channels.validation.chooseOne",
    });
  });

  it("refuses overlapping work-time segments and more than four", () => {
    const overlap = { workday: [{ start: "09:00", end: "12:00" }, { start: "11:00", end: "13:00" }], nonWorkday: BASIC.workTime.nonWorkday };
    expect(errorsOf({ ...BASIC, workTime: overlap })).toEqual({ "workTime.workday.1.start": "serviceTime.validation.segmentOverlap" });
    const five = Array.from({ length: 5 }, (_, i) => ({ start: `0${i}:00`, end: `0${i}:30` }));
    expect(errorsOf({ ...BASIC, workTime: { ...BASIC.workTime, nonWorkday: five } })).toEqual({
      "workTime.nonWorkday": "serviceTime.validation.tooManySegments",
    });
  });

  it("refuses empty, over-long and repeated keywords", () => {
    expect(errorsOf({ ...BASIC, transferKeywords: [" "] })).toEqual({ "transferKeywords.0": "channels.validation.keywordEmpty" });
    // On the repeat itself (trimmed, any case), so the form names it; nothing is dropped.
    expect(errorsOf({ ...BASIC, transferKeywords: ["Agent", "help", " agent "] })).toEqual({ "transferKeywords.2": "channels.validation.keywordDuplicate" });
    expect(errorsOf({ ...BASIC, transferKeywords: ["k".repeat(65)] })).toEqual({ "transferKeywords.0": "channels.validation.keywordTooLong" });
  });

  it("requires an OU and a skill queue", () => {
    expect(errorsOf({ ...BASIC, ouId: "", skillQueueId: "nope" })).toEqual({
      ouId: "channels.validation.chooseOne",
      skillQueueId: "channels.validation.chooseOne",
    });
  });
});

describe("robot configuration (step 3) and the cross-step rule", () => {
  it("requires a transfer keyword when the intelligent robot is on", () => {
    expect(robotStepSchema(0).safeParse({ robotEnabled: true, robotName: "Bot", assistantEnabled: false }).error?.issues[0]).toMatchObject({
      path: ["robotEnabled"],
      message: "channels.validation.transferKeywordRequired",
    });
    expect(robotStepSchema(1).safeParse({ robotEnabled: true, robotName: "Bot", assistantEnabled: false }).success).toBe(true);
    expect(robotStepSchema(0).safeParse({ robotEnabled: false, assistantEnabled: true }).success).toBe(true);
  });

  it("requires the robot's name when it is on", () => {
    expect(robotStepSchema(1).safeParse({ robotEnabled: true, robotName: " ", assistantEnabled: false }).error?.issues[0]?.path).toEqual(["robotName"]);
  });

  it("applies the rule to the whole save input, reported on the robot toggle", () => {
    const result = saveChannelEnvelopeSchema.safeParse({
      information: {},
      basic: { ...BASIC, transferKeywords: [] },
      robot: { robotEnabled: true, robotName: "Bot", assistantEnabled: false },
    });
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["robot.robotEnabled", "channels.validation.transferKeywordRequired"],
    ]);
  });

  it("needs the edited version with a channel id", () => {
    const result = saveChannelEnvelopeSchema.safeParse({
      channelId: OU,
      information: {},
      basic: BASIC,
      robot: { robotEnabled: false, assistantEnabled: false },
    });
    expect(result.error?.issues[0]?.path).toEqual(["version"]);
  });
});
