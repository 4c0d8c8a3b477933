// GET|POST /api/auth/* - Auth.js endpoints (session, CSRF, sign-in callback, sign-out)
export { GET, POST } from "@/lib/auth/auth-handlers";
