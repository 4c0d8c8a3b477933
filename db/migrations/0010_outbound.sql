CREATE TABLE "channel_connection_checks" (
	"tenant_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"steps" jsonb NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_by_user_id" uuid,
	CONSTRAINT "channel_connection_checks_channel_id_pk" PRIMARY KEY("channel_id")
);
--> statement-breakpoint
CREATE TABLE "channel_token_status" (
	"tenant_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"is_valid" text NOT NULL,
	"expires_at" timestamp with time zone,
	"data_access_expires_at" timestamp with time zone,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"token_type" text,
	"app_id" text,
	"error_code" text,
	"error_message" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_token_status_channel_id_pk" PRIMARY KEY("channel_id")
);
--> statement-breakpoint
CREATE TABLE "number_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"phone_number_id" text NOT NULL,
	"outcome" text NOT NULL,
	"error_code" text,
	"error_message" text,
	"attempted_by_user_id" uuid,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"recipient" text NOT NULL,
	"text" text NOT NULL,
	"template_name" text,
	"dedupe_key" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"provider_message_id" text,
	"error_code" text,
	"error_message" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "outbound_messages_attempts_check" CHECK ("outbound_messages"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "channel_connection_checks" ADD CONSTRAINT "channel_connection_checks_checked_by_user_id_users_id_fk" FOREIGN KEY ("checked_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_connection_checks" ADD CONSTRAINT "channel_connection_checks_channel_fk" FOREIGN KEY ("tenant_id","channel_id") REFERENCES "public"."channels"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_token_status" ADD CONSTRAINT "channel_token_status_channel_fk" FOREIGN KEY ("tenant_id","channel_id") REFERENCES "public"."channels"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_registrations" ADD CONSTRAINT "number_registrations_attempted_by_user_id_users_id_fk" FOREIGN KEY ("attempted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_registrations" ADD CONSTRAINT "number_registrations_channel_fk" FOREIGN KEY ("tenant_id","channel_id") REFERENCES "public"."channels"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_channel_fk" FOREIGN KEY ("tenant_id","channel_id") REFERENCES "public"."channels"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "number_registrations_recent_idx" ON "number_registrations" USING btree ("phone_number_id","attempted_at");--> statement-breakpoint
CREATE INDEX "outbound_messages_latest_idx" ON "outbound_messages" USING btree ("channel_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_messages_dedupe_key" ON "outbound_messages" USING btree ("channel_id","dedupe_key") WHERE "outbound_messages"."dedupe_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_messages_provider_id_key" ON "outbound_messages" USING btree ("channel_id","provider_message_id") WHERE "outbound_messages"."provider_message_id" is not null;