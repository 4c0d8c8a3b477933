import { z } from "zod";

/*
 * Ids that arrive in a route's path (Next's `params`) or name a record in an action's input.
 * Every id is one uuidParam; a schema per id shape, so no route or action writes its own.
 */

/** A uuid, refused with the message-catalog key `error`. */
export const uuidParam = (error = "invalidId") => z.uuid({ error });

/** /api/channels/{channelId}/…: an id that is not a uuid answers like a channel that does not exist. */
export const channelIdParams = z.object({ channelId: uuidParam("channels.errors.notFound") });

/** An action's input naming one channel. */
export const channelIdInput = z.object({ channelId: uuidParam() });

/** /api/exports/{taskId}[/download]: a malformed id becomes null, which the handler answers as not found. */
export const exportIdParams = z.object({ taskId: uuidParam().nullable().catch(null) });
