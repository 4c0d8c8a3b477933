import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Role, TenantRole } from "@/lib/auth/roles";
import { AppError, isDatabaseUnavailable } from "@/lib/errors";
import { moduleLog } from "@/lib/log/logger";
import {
  authenticate,
  authorizeAny,
  authorizeSystem,
  authorizeTenant,
  parseInput,
  type GuardDeps,
  type SystemContext,
  type TenantContext,
  type UserContext,
} from "./guard";

/** What every server action answers: data, or a message-catalog key and per-field keys. */
export type ActionResult<T = void> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string | number> };

type Action<T> = (raw: unknown) => Promise<ActionResult<T>>;

export function createActionClient(deps: GuardDeps) {
  return {
    /** For tenant users with one of `roles`; `ctx.tenantId` scopes every query. */
    tenant<S extends z.ZodType, T>(
      schema: S,
      roles: readonly TenantRole[],
      fn: (input: z.output<S>, ctx: TenantContext) => Promise<T>,
    ): Action<T> {
      return (raw) =>
        toResult(async () => {
          const signedIn = await authenticate(deps);
          const input = parseInput(schema, raw);
          const user = authorizeTenant(signedIn, roles);
          return fn(input, { user, tenantId: user.tenantId, db: deps.getDb() });
        });
    },

    /** For system administrators only. */
    system<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>, ctx: SystemContext) => Promise<T>): Action<T> {
      return (raw) =>
        toResult(async () => {
          const signedIn = await authenticate(deps);
          const input = parseInput(schema, raw);
          return fn(input, { user: authorizeSystem(signedIn), db: deps.getDb() });
        });
    },

    /** For any signed-in user with one of `roles` (their own account, preferences). */
    user<S extends z.ZodType, T>(
      schema: S,
      roles: readonly Role[],
      fn: (input: z.output<S>, ctx: UserContext) => Promise<T>,
    ): Action<T> {
      return (raw) =>
        toResult(async () => {
          const signedIn = await authenticate(deps);
          const input = parseInput(schema, raw);
          return fn(input, { user: authorizeAny(signedIn, roles), db: deps.getDb() });
        });
    },

    /** No session required (sign-in); input is still parsed. */
    public<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>) => Promise<T>): Action<T> {
      return (raw) => toResult(async () => fn(parseInput(schema, raw)));
    },
  };
}

async function toResult<T>(run: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    // redirect(), notFound() and friends are control flow, not failures.
    unstable_rethrow(error);
    if (error instanceof AppError) {
      return { ok: false, error: error.code, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}), ...(error.values ? { values: error.values } : {}) };
    }
    if (isDatabaseUnavailable(error)) return { ok: false, error: "unavailable" };
    moduleLog("action").error({ err: error }, "unexpected failure");
    return { ok: false, error: "unexpected" };
  }
}
