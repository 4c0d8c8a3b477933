import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Role, TenantRole } from "@/lib/auth/roles";
import { AppError, isDatabaseUnavailable } from "@/lib/errors";
import { crossSiteRefusal } from "@/lib/http/same-origin";
import { englishText } from "@/lib/i18n/english-text";
import { observeRoute, type RouteCall } from "./observe";
import {
  authenticate,
  authorizeAny,
  authorizeTenant,
  parseInput,
  type GuardDeps,
  type TenantContext,
  type UserContext,
} from "./guard";

/** What Next passes a route handler beside the request: the dynamic segments of its path. */
export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
/** The context is optional so tests and other callers of a route without segments may leave it out. */
type Handler = (request: Request, context?: RouteContext) => Promise<Response>;

const NO_PARAMS = z.object({});
const NO_INPUT = z.object({});

/** Query string as an object; route schemas coerce the strings they need. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

export function createRouteClient(deps: GuardDeps) {
  return {
    /**
     * For tenant users with one of `roles`. `params` parses the path's segments (lib/validations/ids.ts),
     * `schema` what `input` reads from the request (a JSON body, the query string).
     */
    tenant<S extends z.ZodType = typeof NO_INPUT, P extends z.ZodType = typeof NO_PARAMS>(
      options: { roles: readonly TenantRole[]; params?: P; input?: (request: Request) => unknown; schema?: S },
      fn: (input: z.output<S>, ctx: TenantContext & { params: z.output<P> }, request: Request) => Promise<Response>,
    ): Handler {
      return (request, context) =>
        toResponse(request, async (call) => {
          refuseCrossSite(request);
          const signedIn = await authenticate(deps);
          call.identify({ userId: signedIn.id, tenantId: signedIn.tenantId });
          const params = parseInput(options.params ?? NO_PARAMS, (await context?.params) ?? {}) as z.output<P>;
          const input = parseInput(options.schema ?? NO_INPUT, options.input ? await options.input(request) : {}) as z.output<S>;
          const user = authorizeTenant(signedIn, options.roles);
          return fn(input, { user, tenantId: user.tenantId, db: deps.getDb(), params }, request);
        });
    },

    user(options: { roles: readonly Role[] }, fn: (ctx: UserContext, request: Request) => Promise<Response>): Handler {
      return (request) =>
        toResponse(request, async (call) => {
          refuseCrossSite(request);
          const signedIn = await authenticate(deps);
          call.identify({ userId: signedIn.id, tenantId: signedIn.tenantId });
          const user = authorizeAny(signedIn, options.roles);
          return fn({ user, db: deps.getDb() }, request);
        });
    },

    public(fn: (request: Request) => Promise<Response>): Handler {
      return (request) => toResponse(request, () => fn(request));
    },
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * tenant() and user() routes are authenticated by the session cookie, which the browser also sends
 * with a cross-site page's posts: a change takes same-origin JSON only (lib/http/same-origin.ts).
 */
function refuseCrossSite(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const refusal = crossSiteRefusal(request, { publicBaseUrl: process.env.PUBLIC_BASE_URL });
  if (refusal === "crossOrigin") throw new AppError("forbidden", "crossOrigin");
  if (refusal === "unsupportedMediaType") throw new AppError("unsupportedMediaType");
}

/** The English sentence for an error code (a catalog key, as in the browser's useErrorText). */
export function englishMessage(code: string, kind: string = code, values?: Record<string, string | number>): string {
  return englishText([code, `errors.${code}`, `validation.${code}`, `errors.${kind}`], values) ?? code;
}

/** JSON error body: a stable code for programs, an English sentence for people. */
export function errorResponse(error: AppError): Response {
  return Response.json(
    {
      error: {
        code: error.code,
        message: englishMessage(error.code, error.kind, error.values),
        ...(error.fieldErrors ? { fields: error.fieldErrors } : {}),
        ...(error.values ? { values: error.values } : {}),
      },
    },
    { status: error.status, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * The handler's answer, or the error's: an AppError as its JSON, anything else as a bare 500 that
 * names the request id. The stack goes to the log only (observe.ts writes the request's line).
 */
function toResponse(request: Request, run: (call: RouteCall) => Promise<Response>): Promise<Response> {
  return observeRoute(request, async (call) => {
    try {
      return await run(call);
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError) return errorResponse(error);
      if (isDatabaseUnavailable(error)) return errorResponse(new AppError("unavailable"));
      call.log.error({ err: error }, "unexpected failure");
      return Response.json(
        { error: { code: "unexpected", message: englishMessage("unexpected"), requestId: call.reqId } },
        { status: 500, headers: { "Cache-Control": "no-store" } },
      );
    }
  });
}
