ALTER TABLE "channels" ADD COLUMN "previous_secret_field" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "previous_secret" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "previous_secret_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD COLUMN "credential" text;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_previous_secret_check" CHECK (("channels"."previous_secret" is null) = ("channels"."previous_secret_field" is null) and ("channels"."previous_secret" is null) = ("channels"."previous_secret_until" is null));