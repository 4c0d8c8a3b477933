export {
  getMe,
  getWebhookInfo,
  setWebhook,
  telegramApiBaseUrl,
  TelegramApiError,
  verifyBotToken,
  type BotApiOptions,
  type SetWebhookParams,
  type TelegramApiErrorKind,
  type WebhookInfo,
} from "./bot-api";
