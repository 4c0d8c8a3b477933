CREATE TABLE "outbound_message_states" (
	"tenant_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"provider_message_id" text NOT NULL,
	"status" text NOT NULL,
	"error_code" text,
	"error_reason" text,
	"first_reported_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbound_message_states_channel_id_provider_message_id_pk" PRIMARY KEY("channel_id","provider_message_id")
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"method" text NOT NULL,
	"outcome" text NOT NULL,
	"status_code" smallint NOT NULL,
	"reason" text,
	"stored" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"ignored" integer DEFAULT 0 NOT NULL,
	"suppressed" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoint_status" (
	"tenant_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"first_accepted_at" timestamp with time zone,
	"last_accepted_at" timestamp with time zone,
	"last_rejected_at" timestamp with time zone,
	"last_rejection_reason" text,
	"last_rejection_status" smallint,
	"verified_at" timestamp with time zone,
	CONSTRAINT "webhook_endpoint_status_channel_id_endpoint_pk" PRIMARY KEY("channel_id","endpoint"),
	CONSTRAINT "webhook_endpoint_status_reason_check" CHECK (("webhook_endpoint_status"."last_rejected_at" is null) = ("webhook_endpoint_status"."last_rejection_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"kind" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"provider_message_id" text NOT NULL,
	"type" text NOT NULL,
	"provider_type" text NOT NULL,
	"status" text,
	"from_address" text,
	"to_address" text,
	"sender_name" text,
	"text" text,
	"error_code" text,
	"error_reason" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"raw" jsonb NOT NULL,
	CONSTRAINT "webhook_events_idempotency_key" UNIQUE("channel_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "outbound_message_states" ADD CONSTRAINT "outbound_message_states_channel_fk" FOREIGN KEY ("tenant_id","channel_id") REFERENCES "public"."channels"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_channel_fk" FOREIGN KEY ("tenant_id","channel_id") REFERENCES "public"."channels"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoint_status" ADD CONSTRAINT "webhook_endpoint_status_channel_fk" FOREIGN KEY ("tenant_id","channel_id") REFERENCES "public"."channels"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_channel_fk" FOREIGN KEY ("tenant_id","channel_id") REFERENCES "public"."channels"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbound_message_states_period_idx" ON "outbound_message_states" USING btree ("channel_id","first_reported_at");--> statement-breakpoint
CREATE INDEX "webhook_attempts_channel_idx" ON "webhook_attempts" USING btree ("channel_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_events_latest_idx" ON "webhook_events" USING btree ("channel_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "webhook_events_period_idx" ON "webhook_events" USING btree ("channel_id","kind","occurred_at");