import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pageContentSecurityPolicy } from "@/lib/http/content-security-policy";

/**
 * Every page request passes here: it gets a Content-Security-Policy with a fresh nonce, which Next
 * reads back from the request headers and puts on the scripts it renders; and a signed-out visitor
 * is redirected to the sign-in page. The redirect is not a security boundary: every page, action
 * and route handler checks the session (and its server-side row) and role itself.
 *
 * It only reads the session cookie. Auth.js's own middleware re-issues the cookie on every
 * request, and a request still in flight during sign-out would then put the cookie back.
 */
export async function proxy(request: NextRequest) {
  if (request.nextUrl.pathname !== "/sign-in" && !(await hasSessionCookie(request))) {
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.redirect(signIn);
  }

  const policy = pageContentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

async function hasSessionCookie(request: NextRequest): Promise<boolean> {
  const protocol = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  const token = await getToken({ req: request, secret: process.env.AUTH_SECRET, secureCookie: protocol === "https" });
  return Boolean(token?.sub);
}

export const config = {
  // Pages only: API answers carry a fixed policy (next.config.ts), static files need none.
  matcher: ["/((?!api(?:/|$)|_next/static|_next/image|favicon\\.ico$).*)"],
};
