CREATE TABLE "export_task_channels" (
	"tenant_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"channel_id" uuid NOT NULL,
	CONSTRAINT "export_task_channels_task_id_position_pk" PRIMARY KEY("task_id","position")
);
--> statement-breakpoint
ALTER TABLE "export_task_channels" ADD CONSTRAINT "export_task_channels_task_fk" FOREIGN KEY ("tenant_id","task_id") REFERENCES "public"."export_tasks"("tenant_id","id") ON DELETE cascade ON UPDATE no action;