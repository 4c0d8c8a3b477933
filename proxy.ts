import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

/**
 * Redirects signed-out visitors to the sign-in page. Not a security boundary: every page,
 * action and route handler checks the session and role itself.
 *
 * It only reads the session cookie. Auth.js's own middleware re-issues the cookie on every
 * request, and a request still in flight during sign-out would then put the cookie back.
 */
export async function proxy(request: NextRequest) {
  const protocol = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  const token = await getToken({ req: request, secret: process.env.AUTH_SECRET, secureCookie: protocol === "https" });
  if (token?.sub) return NextResponse.next();

  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|sign-in).*)"],
};
