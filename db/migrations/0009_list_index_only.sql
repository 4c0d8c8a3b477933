DROP INDEX "channels_list_name_idx";--> statement-breakpoint
DROP INDEX "channels_list_created_idx";--> statement-breakpoint
DROP INDEX "channels_list_updated_idx";--> statement-breakpoint
CREATE INDEX "channels_list_name_idx" ON "channels" USING btree ("tenant_id",lower("name"),"id","name","channel_type","provider","status");--> statement-breakpoint
CREATE INDEX "channels_list_created_idx" ON "channels" USING btree ("tenant_id","created_at","id","name","channel_type","provider","status");--> statement-breakpoint
CREATE INDEX "channels_list_updated_idx" ON "channels" USING btree ("tenant_id","updated_at","id","name","channel_type","provider","status");