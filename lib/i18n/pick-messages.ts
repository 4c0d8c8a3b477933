import type { Messages } from "./messages";

/** A top-level message namespace: one catalog file (`channelWizard`) or one section of core.json (`nav`). */
export type Namespace = keyof Messages;

/**
 * The given namespaces of a catalog, whole, and nothing else: what a page's client components
 * receive instead of every feature's messages.
 */
export function pickMessages<N extends Namespace>(messages: Messages, namespaces: readonly N[]): Pick<Messages, N> {
  const picked: Partial<Pick<Messages, N>> = {};
  for (const namespace of namespaces) {
    if (Object.hasOwn(messages, namespace)) picked[namespace] = messages[namespace];
  }
  return picked as Pick<Messages, N>;
}
