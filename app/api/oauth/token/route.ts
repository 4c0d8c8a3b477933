// POST /api/oauth/token - OAuth 2.0 client-credentials grant for API apps (RFC 6749 §4.4)
import { getDb } from "@/db";
import { handleTokenRequest } from "@/lib/api-apps/token-endpoint";
import { route } from "@/lib/guard";

export const dynamic = "force-dynamic";

// Public: the caller is an API client that authenticates with its app key and secret, not a user.
export const POST = route.public((request) => handleTokenRequest(getDb(), request));
