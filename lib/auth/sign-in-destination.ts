import "server-only";
import type { DbOrTx } from "@/db/client";
import { findUserRoleByEmail } from "@/db/queries/users";
import { safeCallbackPath } from "@/lib/validations/auth";
import { homePathFor } from "./roles";

/**
 * Where a successful sign-in goes. "/" only redirects on to the role's home page, and a server
 * action that redirects to a page which redirects again leaves the browser on a blank page until
 * its router follows the second hop; so "/" is resolved here, on the server, in one hop.
 */
export async function signInDestination(db: DbOrTx, email: string, callbackUrl: string | undefined): Promise<string> {
  const path = safeCallbackPath(callbackUrl, "/");
  if (path !== "/") return path;
  const role = await findUserRoleByEmail(db, email);
  return role ? homePathFor(role) : "/";
}
