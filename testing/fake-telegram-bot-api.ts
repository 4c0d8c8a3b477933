import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { testServerCredentials } from "./test-ca";

/*
 * A fake Telegram Bot API on 127.0.0.1 for tests (unit, integration, or a console started with
 * TELEGRAM_API_BASE_URL pointing here). It speaks https with the tests' certificate (testing/test-ca.ts),
 * so the console reaches it the way it reaches any private address: with OUTBOUND_EXTRA_CA_FILE set
 * to TEST_CA_FILE and `prefix` approved on the address trustlist. It answers like the real server (protocols.md §3):
 * `{ok:true,result}` or `{ok:false,error_code,description}`, 401 for an unknown token, 404 for an
 * unknown method, and it checks setWebhook's secret_token the way tdlib's Client.cpp does.
 * Parameters are read from the query string and from a JSON or urlencoded body.
 */

export interface FakeBot {
  token: string;
  id: number;
  username: string;
}

export interface FakeWebhook {
  url: string;
  secretToken: string | null;
  allowedUpdates: string[] | null;
  maxConnections: number;
  dropPendingUpdates: boolean;
  /** The uploaded certificate file's text (multipart InputFile), when one was uploaded. */
  certificate?: string;
  /** What Telegram would report of its deliveries (getWebhookInfo); set with `setDeliveryState`. */
  delivery?: { pendingUpdateCount?: number; lastErrorDate?: number; lastErrorMessage?: string; ipAddress?: string };
}

export interface FakeCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
  /** The body was multipart/form-data (how a file such as a certificate must be sent). */
  multipart?: boolean;
}

export interface FakeSentMessage {
  token: string;
  chatId: string;
  text: string;
  messageId: number;
}

/** A canned answer for the next call of a method: an HTTP answer, no answer at all, or a cut connection. */
export type FakeReply = { status: number; body: string } | "hang" | "destroy";

export interface FakeBotApi {
  /** Give this to the client as its base URL (or as TELEGRAM_API_BASE_URL): `https://127.0.0.1:<port>`. */
  baseUrl: string;
  /** The address-trustlist prefix that admits `baseUrl`: approve it, or the console refuses 127.0.0.1. */
  prefix: string;
  /** Every call with a well-formed path, in order. */
  calls: FakeCall[];
  sentMessages: FakeSentMessage[];
  addBot(username: string, token?: string): FakeBot;
  /** Forget a bot, as when its token is revoked in @BotFather: its calls then get 401. */
  revokeBot(token: string): void;
  webhookOf(token: string): FakeWebhook | null;
  /** Telegram's side of a set webhook: pending updates, the last delivery error, the IP it resolved. */
  setDeliveryState(token: string, delivery: NonNullable<FakeWebhook["delivery"]>): void;
  /** The next call of `method` gets `reply` instead of the normal answer (queued, used once). */
  queueReply(method: string, reply: FakeReply): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeBotApiOptions {
  /** Refuse non-https webhook URLs as Telegram does; off by default so tests can use http. */
  requireHttps?: boolean;
}

const SECRET_TOKEN_ALPHABET = /^[A-Za-z0-9_-]*$/;
const PATH = /^\/bot([^/]+)\/([A-Za-z]+)$/;
let nextBotId = 7_000_000_000;

/** A token in Telegram's shape: `<bot id>:<35 characters>`. */
export function fakeBotToken(id = nextBotId++): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  let secret = "AA";
  for (let i = 0; i < 33; i++) secret += alphabet[Math.floor(Math.random() * alphabet.length)];
  return `${id}:${secret}`;
}

export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const bots = new Map<string, FakeBot>();
  const webhooks = new Map<string, FakeWebhook>();
  const replies = new Map<string, FakeReply[]>();
  const calls: FakeCall[] = [];
  const sentMessages: FakeSentMessage[] = [];
  const sockets = new Set<Duplex>();

  const server = createServer(testServerCredentials(), (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error_code: 500, description: "Internal Server Error" });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    const match = PATH.exec(url.pathname);
    const body = await readBody(req);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const [, token, method] = match as unknown as [string, string, string];
    const multipart = req.headers["content-type"]?.includes("multipart/form-data") ?? false;
    const params = { ...Object.fromEntries(url.searchParams), ...(multipart ? await parseMultipart(req.headers["content-type"]!, body) : parseBody(req.headers["content-type"], body)) };
    calls.push({ method, token, params, ...(multipart ? { multipart } : {}) });

    const canned = replies.get(method)?.shift();
    if (canned === "hang") return; // the socket is destroyed on close()
    if (canned === "destroy") return void req.socket.destroy();
    if (canned) {
      res.writeHead(canned.status, { "content-type": "application/json" });
      return void res.end(canned.body);
    }

    const bot = bots.get(token);
    if (!bot) return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const answer = METHODS[method]?.(bot, params);
    if (!answer) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if ("error" in answer) return send(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${answer.error}` });
    send(res, 200, { ok: true, result: answer.result, ...(answer.description ? { description: answer.description } : {}) });
  }

  type Answer = { result: unknown; description?: string } | { error: string };
  const METHODS: Record<string, (bot: FakeBot, params: Record<string, unknown>) => Answer> = {
    getMe: (bot) => ({
      result: { id: bot.id, is_bot: true, first_name: bot.username, username: bot.username, can_join_groups: true },
    }),
    setWebhook: (bot, params) => {
      const url = String(params.url ?? "");
      if (url === "") {
        webhooks.delete(bot.token);
        return { result: true, description: "Webhook was deleted" };
      }
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return { error: "bad webhook: Failed to resolve host: Name or service not known" };
      }
      if (options.requireHttps && parsed.protocol !== "https:") return { error: "bad webhook: An HTTPS URL must be provided for webhook" };
      const secretToken = String(params.secret_token ?? "");
      if (secretToken.length > 256) return { error: "secret token is too long" };
      if (!SECRET_TOKEN_ALPHABET.test(secretToken)) return { error: "secret token contains unallowed characters" };
      const allowedUpdates = parseList(params.allowed_updates);
      if (allowedUpdates === undefined) return { error: "can't parse allowed updates JSON object" };
      const maxConnections = Math.min(Math.max(Number(params.max_connections ?? 40) || 40, 1), 100);
      webhooks.set(bot.token, {
        url,
        secretToken: secretToken || null,
        allowedUpdates: allowedUpdates ?? webhooks.get(bot.token)?.allowedUpdates ?? null,
        maxConnections,
        dropPendingUpdates: params.drop_pending_updates === true || params.drop_pending_updates === "true",
        ...(typeof params.certificate === "string" && params.certificate ? { certificate: params.certificate } : {}),
      });
      return { result: true, description: "Webhook was set" };
    },
    deleteWebhook: (bot) => {
      webhooks.delete(bot.token);
      return { result: true, description: "Webhook was deleted" };
    },
    getWebhookInfo: (bot) => {
      const hook = webhooks.get(bot.token);
      return {
        result: hook
          ? {
              url: hook.url,
              has_custom_certificate: hook.certificate !== undefined,
              pending_update_count: hook.delivery?.pendingUpdateCount ?? 0,
              ...(hook.delivery?.ipAddress ? { ip_address: hook.delivery.ipAddress } : {}),
              ...(hook.delivery?.lastErrorDate ? { last_error_date: hook.delivery.lastErrorDate, last_error_message: hook.delivery.lastErrorMessage ?? "" } : {}),
              max_connections: hook.maxConnections,
              ...(hook.allowedUpdates ? { allowed_updates: hook.allowedUpdates } : {}),
            }
          : { url: "", has_custom_certificate: false, pending_update_count: 0 },
      };
    },
    sendMessage: (bot, params) => {
      const chatId = String(params.chat_id ?? "");
      const text = String(params.text ?? "");
      if (!chatId) return { error: "chat_id is empty" };
      if (!text.trim()) return { error: "message text is empty" };
      if (Array.from(text).length > 4096) return { error: "message is too long" };
      const messageId = sentMessages.length + 1;
      sentMessages.push({ token: bot.token, chatId, text, messageId });
      return {
        result: {
          message_id: messageId,
          from: { id: bot.id, is_bot: true, first_name: bot.username, username: bot.username },
          chat: { id: Number(chatId) || chatId, type: "private" },
          date: Math.floor(Date.now() / 1000),
          text,
        },
      };
    },
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `https://127.0.0.1:${port}`,
    prefix: `https://127.0.0.1:${port}/`,
    calls,
    sentMessages,
    addBot(username, token = fakeBotToken()) {
      const id = Number(token.slice(0, token.indexOf(":")));
      const bot = { token, id, username };
      bots.set(token, bot);
      return bot;
    },
    revokeBot(token) {
      bots.delete(token);
      webhooks.delete(token);
    },
    webhookOf: (token) => webhooks.get(token) ?? null,
    setDeliveryState(token, delivery) {
      const hook = webhooks.get(token);
      if (hook) hook.delivery = delivery;
    },
    queueReply(method, reply) {
      replies.set(method, [...(replies.get(method) ?? []), reply]);
    },
    reset() {
      webhooks.clear();
      replies.clear();
      calls.length = 0;
      sentMessages.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(contentType: string | undefined, body: string): Record<string, unknown> {
  if (!body) return {};
  if (contentType?.includes("application/json")) {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  }
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(body));
  return {};
}

/** A multipart body's fields; a file (the certificate InputFile) as its text. */
async function parseMultipart(contentType: string, body: string): Promise<Record<string, unknown>> {
  const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  const params: Record<string, unknown> = {};
  for (const [name, value] of form) params[name] = typeof value === "string" ? value : await value.text();
  return params;
}

/** allowed_updates: a JSON array, given as one (JSON body) or as its text (query, form). */
function parseList(value: unknown): string[] | null | undefined {
  if (value === undefined || value === null || value === "") return null;
  let list = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return Array.isArray(list) && list.every((item) => typeof item === "string") ? list : undefined;
}
