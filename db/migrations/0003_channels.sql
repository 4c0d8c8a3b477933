CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."channel_provider" AS ENUM('infobip', 'other', 'cloud-api', 'twilio', 'telegram');--> statement-breakpoint
CREATE TYPE "public"."channel_status" AS ENUM('enabled', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."channel_type" AS ENUM('whatsapp', 'telegram');--> statement-breakpoint
CREATE TYPE "public"."verification_method" AS ENUM('basic', 'oAuth');--> statement-breakpoint
CREATE TABLE "channel_drafts" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"target" uuid NOT NULL,
	"step" integer NOT NULL,
	"data" jsonb NOT NULL,
	"base_version" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_drafts_tenant_id_user_id_target_pk" PRIMARY KEY("tenant_id","user_id","target")
);
--> statement-breakpoint
CREATE TABLE "channel_transfer_queues" (
	"tenant_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"skill_queue_id" uuid NOT NULL,
	CONSTRAINT "channel_transfer_queues_channel_id_skill_queue_id_pk" PRIMARY KEY("channel_id","skill_queue_id")
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"channel_type" "channel_type" NOT NULL,
	"provider" "channel_provider" NOT NULL,
	"verification_method" "verification_method",
	"status" "channel_status" DEFAULT 'enabled' NOT NULL,
	"phone_number" text,
	"settings" jsonb NOT NULL,
	"secrets" jsonb NOT NULL,
	"trust_certificate_id" uuid,
	"identity_certificate_id" uuid,
	"api_app_id" uuid,
	"ou_id" uuid NOT NULL,
	"skill_queue_id" uuid NOT NULL,
	"transfer_keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"work_time" jsonb NOT NULL,
	"non_working_notice" text DEFAULT '' NOT NULL,
	"last_agent_mode" boolean DEFAULT false NOT NULL,
	"no_customer_reply_enabled" boolean DEFAULT false NOT NULL,
	"no_customer_reply_minutes" integer,
	"no_customer_reply_message" text DEFAULT '' NOT NULL,
	"no_agent_reply_enabled" boolean DEFAULT false NOT NULL,
	"no_agent_reply_minutes" integer,
	"no_agent_reply_queue_id" uuid,
	"session_transfer_enabled" boolean DEFAULT false NOT NULL,
	"offline_messages_enabled" boolean DEFAULT false NOT NULL,
	"robot_enabled" boolean DEFAULT false NOT NULL,
	"robot_name" text DEFAULT '' NOT NULL,
	"robot_assistant_enabled" boolean DEFAULT false NOT NULL,
	"webhook_key" text NOT NULL,
	"integration_token" text,
	"scenario_key" text,
	"scenario_key_generated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channels_tenant_id_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "channels_type_provider_check" CHECK (("channels"."channel_type" = 'telegram') = ("channels"."provider" = 'telegram') and ("channels"."verification_method" is not null) = ("channels"."provider" = 'other')),
	CONSTRAINT "channels_name_check" CHECK ("channels"."name" ~ '^[A-Za-z_][A-Za-z0-9_]{0,63}$'),
	CONSTRAINT "channels_version_check" CHECK ("channels"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "channel_drafts" ADD CONSTRAINT "channel_drafts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_drafts" ADD CONSTRAINT "channel_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_transfer_queues" ADD CONSTRAINT "channel_transfer_queues_channel_fk" FOREIGN KEY ("tenant_id","channel_id") REFERENCES "public"."channels"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_transfer_queues" ADD CONSTRAINT "channel_transfer_queues_queue_fk" FOREIGN KEY ("tenant_id","skill_queue_id") REFERENCES "public"."skill_queues"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_ou_fk" FOREIGN KEY ("tenant_id","ou_id") REFERENCES "public"."ous"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_skill_queue_fk" FOREIGN KEY ("tenant_id","skill_queue_id") REFERENCES "public"."skill_queues"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_no_agent_reply_queue_fk" FOREIGN KEY ("tenant_id","no_agent_reply_queue_id") REFERENCES "public"."skill_queues"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_trust_certificate_fk" FOREIGN KEY ("tenant_id","trust_certificate_id") REFERENCES "public"."certificates"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_identity_certificate_fk" FOREIGN KEY ("tenant_id","identity_certificate_id") REFERENCES "public"."certificates"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_api_app_fk" FOREIGN KEY ("tenant_id","api_app_id") REFERENCES "public"."api_apps"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_transfer_queues_queue_idx" ON "channel_transfer_queues" USING btree ("tenant_id","skill_queue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channels_name_key" ON "channels" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "channels_webhook_key_key" ON "channels" USING btree ("webhook_key");--> statement-breakpoint
CREATE UNIQUE INDEX "channels_whatsapp_number_key" ON "channels" USING btree ("phone_number") WHERE "channels"."channel_type" = 'whatsapp' and "channels"."phone_number" is not null;--> statement-breakpoint
CREATE INDEX "channels_list_name_idx" ON "channels" USING btree ("tenant_id",lower("name"),"id");--> statement-breakpoint
CREATE INDEX "channels_list_created_idx" ON "channels" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "channels_list_updated_idx" ON "channels" USING btree ("tenant_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "channels_name_trgm_idx" ON "channels" USING gin (lower("name") gin_trgm_ops);