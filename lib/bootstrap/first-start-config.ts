import { z } from "zod";
import { emailField, newPasswordField } from "@/lib/validations/fields";

/** Documented in the README; only ever used on the embedded (local, single-machine) database. */
export const DEMO_PASSWORD = "channel-console-demo";
export const DEMO_ACCOUNTS = {
  systemAdmin: { email: "sysadmin@console.example", name: "System Administrator" },
  tenantAdmin: { email: "admin@demo.example", name: "Demo Administrator" },
  support: { email: "support@demo.example", name: "Demo Support" },
  tenantName: "Demo",
} as const;

interface Account {
  email: string;
  name: string;
  password: string;
}

export interface FirstStartAccounts {
  systemAdmin: Account;
  demo: { tenantName: string; tenantAdmin: Account; support: Account } | null;
}

export class FirstStartConfigError extends Error {
  override name = "FirstStartConfigError";
}

const productionPassword = (variable: string) =>
  newPasswordField.refine((value) => value !== DEMO_PASSWORD, `${variable} must not be the documented demo password`);

/**
 * Who the console creates on an empty database. The embedded default uses the documented demo
 * accounts; a real server (DATABASE_URL) takes the system administrator from ADMIN_EMAIL /
 * ADMIN_PASSWORD and refuses defaults, and creates the demo tenant's users only when DEMO_PASSWORD
 * is given, so no installation on a shared server ever starts with a published password.
 */
export function firstStartAccounts(
  env: Record<string, string | undefined>,
  mode: "embedded" | "server",
): FirstStartAccounts {
  if (mode === "embedded") {
    const demoUser = (account: { email: string; name: string }) => ({ ...account, password: DEMO_PASSWORD });
    return {
      systemAdmin: demoUser(DEMO_ACCOUNTS.systemAdmin),
      demo: {
        tenantName: DEMO_ACCOUNTS.tenantName,
        tenantAdmin: demoUser(DEMO_ACCOUNTS.tenantAdmin),
        support: demoUser(DEMO_ACCOUNTS.support),
      },
    };
  }

  const parsed = z
    .object({
      ADMIN_EMAIL: emailField,
      ADMIN_PASSWORD: productionPassword("ADMIN_PASSWORD"),
      DEMO_PASSWORD: productionPassword("DEMO_PASSWORD").optional(),
    })
    .safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${describe(issue.message)}`);
    throw new FirstStartConfigError(
      `the database is empty and DATABASE_URL is set, so the first system administrator comes from the environment: ${problems.join("; ")} (see README, "Configuration").`,
    );
  }
  const { ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_PASSWORD: demoPassword } = parsed.data;
  return {
    systemAdmin: { email: ADMIN_EMAIL, name: DEMO_ACCOUNTS.systemAdmin.name, password: ADMIN_PASSWORD },
    demo: demoPassword
      ? {
          tenantName: DEMO_ACCOUNTS.tenantName,
          tenantAdmin: { ...DEMO_ACCOUNTS.tenantAdmin, password: demoPassword },
          support: { ...DEMO_ACCOUNTS.support, password: demoPassword },
        }
      : null,
  };
}

// Schema messages are catalog keys; the operator reading a terminal gets sentences.
function describe(message: string): string {
  const sentences: Record<string, string> = {
    required: "is required",
    emailInvalid: "is not a valid email address",
    passwordTooShort: "must be at least 12 characters",
    passwordTooLong: "must be at most 256 characters",
  };
  return sentences[message] ?? message;
}
