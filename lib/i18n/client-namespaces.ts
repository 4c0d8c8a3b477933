import type { Namespace } from "./pick-messages";

/**
 * The message namespaces each route file hands its client components (through
 * components/i18n/client-messages.tsx), keyed by the file's path under app/ without extension.
 * A route file without an entry renders under its nearest layout's provider.
 * lib/i18n/client-namespaces.test.ts reads every client module each route file reaches and
 * fails when a namespace it uses is missing here.
 */
const FORMS = ["validation", "errors", "common"] as const satisfies readonly Namespace[];

export const CLIENT_NAMESPACES = {
  // app/error.tsx renders inside the root layout only.
  layout: ["pages"],
  "(auth)/sign-in/page": ["signIn", ...FORMS],
  "(console)/layout": ["nav"],
  // Pages list the namespaces of the error codes their actions can answer, too (exports.* in
  // the list's export toolbar; a channel action's work-time, trustlist and certificate refusals).
  "(console)/channels/page": ["providerTools", "channelList", "connectionCheck", "channels", "exports", "serviceTime", "trustlist", "certificates", ...FORMS],
  // Work-time segments are checked by the service-time schema, with its error codes.
  "(console)/channels/new/page": ["providerTools", "channelWizard", "schedule", "connectionCheck", "channels", "trustlist", "serviceTime", "certificates", ...FORMS],
  "(console)/channels/[channelId]/page": ["testMessage", "providerTools", "channelIntegration", "channelList", "secretGrace", "connectionCheck", "apiApps", "channels", "serviceTime", "trustlist", "certificates", ...FORMS],
  "(console)/channels/[channelId]/edit/page": ["providerTools", "channelWizard", "schedule", "connectionCheck", "channels", "trustlist", "serviceTime", "certificates", ...FORMS],
  "(console)/channels/[channelId]/integration/page": ["providerTools", "channelIntegration", "connectionCheck", "channelActivity", "apiApps", "channels", "serviceTime", "trustlist", "certificates", ...FORMS],
  "(console)/exports/page": ["exports"],
  "(console)/settings/page": ["settings", "locales", ...FORMS],
  "(console)/settings/certificates/page": ["certificates", "trustlist", ...FORMS],
  "(console)/settings/certificates/[certificateId]/page": ["certificates", "trustlist", ...FORMS],
  "(console)/settings/ous/page": ["ous", ...FORMS],
  "(console)/settings/service-time/page": ["serviceTime", ...FORMS],
  "(console)/settings/skill-queues/page": ["skillQueues", ...FORMS],
  "(console)/settings/skill-queues/[skillQueueId]/page": ["skillQueues", ...FORMS],
  "(console)/settings/trustlist/page": ["trustlist", ...FORMS],
  "(console)/system/api-apps/page": ["apiApps", ...FORMS],
  "(console)/system/api-apps/[appId]/page": ["apiApps", ...FORMS],
  "(console)/system/tenants/page": ["system", ...FORMS],
  "(console)/system/trustlist/page": ["trustlist", ...FORMS],
  "(console)/system/trustlist/approved/page": ["trustlist", ...FORMS],
  "(console)/system/users/page": ["system", "users", "roles", ...FORMS],
  "(console)/system/users/[userId]/page": ["system", "users", "roles", ...FORMS],
} as const satisfies Record<string, readonly Namespace[]>;

export type MessagesRoute = keyof typeof CLIENT_NAMESPACES;
