ALTER TABLE "surprise_draws" ADD COLUMN "freeze_quest_id" uuid;--> statement-breakpoint
ALTER TABLE "surprise_draws" ADD COLUMN "freeze_day" date;--> statement-breakpoint
ALTER TABLE "surprise_draws" ADD CONSTRAINT "surprise_draws_freeze_quest_id_quests_id_fk" FOREIGN KEY ("freeze_quest_id") REFERENCES "public"."quests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "surprise_draws_freeze_idx" ON "surprise_draws" USING btree ("member_id","freeze_quest_id") WHERE freeze_quest_id is not null;