import type { createActionClient } from "@/lib/guard/actions";
import { testMessageSchema } from "@/lib/validations/test-message";
import { sendTestMessage } from "./test-message";

/** Sending from the console is for tenant administrators; support staff see the messages in the activity. */
export function testMessageActions(client: ReturnType<typeof createActionClient>) {
  return {
    sendTestMessage: client.tenant(testMessageSchema, ["tenant_admin"], sendTestMessage),
  };
}
