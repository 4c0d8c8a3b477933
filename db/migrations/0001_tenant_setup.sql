CREATE TYPE "public"."certificate_kind" AS ENUM('trust', 'identity');--> statement-breakpoint
CREATE TYPE "public"."certificate_source" AS ENUM('upload', 'url');--> statement-breakpoint
CREATE TYPE "public"."trustlist_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."api_name" AS ENUM('sendWhatsappMessage', 'ccmessage_telegram_north', 'telegram_north', 'file_download');--> statement-breakpoint
CREATE TABLE "ous" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ous_tenant_id_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "skill_queues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skill_queues_tenant_id_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "non_working_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "non_working_days_range" CHECK ("non_working_days"."end_date" >= "non_working_days"."start_date")
);
--> statement-breakpoint
CREATE TABLE "service_time_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "certificate_kind" NOT NULL,
	"source" "certificate_source" NOT NULL,
	"source_url" text,
	"subject" text NOT NULL,
	"issuer" text NOT NULL,
	"serial_number" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"fingerprint_sha256" text NOT NULL,
	"chain_pem" text NOT NULL,
	"chain_length" integer NOT NULL,
	"private_key_encrypted" text,
	"pkcs12_encrypted" text,
	"pkcs12_password_encrypted" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_tenant_id_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "trustlist_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prefix" text NOT NULL,
	"reason" text NOT NULL,
	"status" "trustlist_status" DEFAULT 'pending' NOT NULL,
	"requested_by_tenant_id" uuid,
	"requested_by_user_id" uuid,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_apps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"app_key" text NOT NULL,
	"secret_hash" text NOT NULL,
	"apis" "api_name"[] NOT NULL,
	"disabled_at" timestamp with time zone,
	"secret_rotated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_apps_tenant_id_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "oauth_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"app_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"apis" "api_name"[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ous" ADD CONSTRAINT "ous_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ous" ADD CONSTRAINT "ous_parent_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "public"."ous"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_queues" ADD CONSTRAINT "skill_queues_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "non_working_days" ADD CONSTRAINT "non_working_days_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_time_settings" ADD CONSTRAINT "service_time_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trustlist_entries" ADD CONSTRAINT "trustlist_entries_requested_by_tenant_id_tenants_id_fk" FOREIGN KEY ("requested_by_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trustlist_entries" ADD CONSTRAINT "trustlist_entries_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trustlist_entries" ADD CONSTRAINT "trustlist_entries_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_apps" ADD CONSTRAINT "api_apps_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_apps" ADD CONSTRAINT "api_apps_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_tokens" ADD CONSTRAINT "oauth_tokens_app_id_api_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."api_apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_tokens" ADD CONSTRAINT "oauth_tokens_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ous_sibling_name_key" ON "ous" USING btree ("tenant_id",coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid),lower("name"));--> statement-breakpoint
CREATE INDEX "ous_tenant_parent_idx" ON "ous" USING btree ("tenant_id","parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "skill_queues_name_key" ON "skill_queues" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "non_working_days_tenant_start_idx" ON "non_working_days" USING btree ("tenant_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_name_key" ON "certificates" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "certificates_tenant_not_after_idx" ON "certificates" USING btree ("tenant_id","not_after");--> statement-breakpoint
CREATE UNIQUE INDEX "trustlist_approved_prefix_key" ON "trustlist_entries" USING btree ("prefix") WHERE "trustlist_entries"."status" = 'approved';--> statement-breakpoint
CREATE UNIQUE INDEX "trustlist_pending_request_key" ON "trustlist_entries" USING btree ("requested_by_tenant_id","prefix") WHERE "trustlist_entries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "trustlist_status_created_idx" ON "trustlist_entries" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_apps_app_key_key" ON "api_apps" USING btree ("app_key");--> statement-breakpoint
CREATE INDEX "api_apps_tenant_idx" ON "api_apps" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "oauth_tokens_expires_idx" ON "oauth_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "oauth_tokens_app_idx" ON "oauth_tokens" USING btree ("app_id");