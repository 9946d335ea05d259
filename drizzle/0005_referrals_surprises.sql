CREATE TYPE "public"."referral_action" AS ENUM('first_quest', 'first_review', 'signup');--> statement-breakpoint
CREATE TYPE "public"."referral_status" AS ENUM('signed_up', 'held', 'rewarded', 'rejected', 'blocked');--> statement-breakpoint
CREATE TYPE "public"."surprise_trigger" AS ENUM('quest_completed', 'streak_milestone', 'early_checkin', 'idea_shipped');--> statement-breakpoint
CREATE TABLE "referral_codes" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_settings" (
	"brand_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"friend_points" integer DEFAULT 100 NOT NULL,
	"referrer_points" integer DEFAULT 200 NOT NULL,
	"qualifying_action" "referral_action" DEFAULT 'first_quest' NOT NULL,
	"cookie_days" integer DEFAULT 30 NOT NULL,
	"hold_days" integer DEFAULT 7 NOT NULL,
	"velocity_per_hour" integer DEFAULT 10 NOT NULL,
	"same_source_limit" integer DEFAULT 3 NOT NULL,
	"milestones" jsonb DEFAULT '[{"count":1,"points":50},{"count":3,"points":150},{"count":6,"points":300}]'::jsonb NOT NULL,
	"extra_disposable_domains" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"welcome_text" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_visits" (
	"member_id" uuid NOT NULL,
	"visitor_hash" text NOT NULL,
	"day" date NOT NULL,
	"ip_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"referrer_member_id" uuid NOT NULL,
	"friend_member_id" uuid NOT NULL,
	"code" text NOT NULL,
	"status" "referral_status" NOT NULL,
	"blocked_rule" text,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ip_hash" text,
	"device_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"qualified_at" timestamp with time zone,
	"auto_approve_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"reason" text,
	"rewarded_at" timestamp with time zone,
	"referrer_ledger_id" bigint,
	"friend_ledger_id" bigint
);
--> statement-breakpoint
CREATE TABLE "surprise_budget_days" (
	"table_id" uuid NOT NULL,
	"day" date NOT NULL,
	"spent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "surprise_budget_days_table_id_day_pk" PRIMARY KEY("table_id","day")
);
--> statement-breakpoint
CREATE TABLE "surprise_draws" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"brand_id" uuid NOT NULL,
	"table_id" uuid NOT NULL,
	"table_name" text NOT NULL,
	"member_id" uuid NOT NULL,
	"trigger_key" text NOT NULL,
	"period" date NOT NULL,
	"snapshot" jsonb NOT NULL,
	"pity_applied" boolean NOT NULL,
	"rolled_prize_id" text NOT NULL,
	"outcome_prize_id" text,
	"budget_limited" boolean NOT NULL,
	"outcome_kind" text NOT NULL,
	"outcome_label" text NOT NULL,
	"outcome_points" integer DEFAULT 0 NOT NULL,
	"cost" integer DEFAULT 0 NOT NULL,
	"ledger_id" bigint,
	"redemption_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surprise_seeds" (
	"brand_id" uuid NOT NULL,
	"period" date NOT NULL,
	"seed" text NOT NULL,
	"commitment" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surprise_seeds_brand_id_period_pk" PRIMARY KEY("brand_id","period")
);
--> statement-breakpoint
CREATE TABLE "surprise_tables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"trigger" "surprise_trigger" NOT NULL,
	"quest_id" uuid,
	"prizes" jsonb NOT NULL,
	"daily_budget" integer NOT NULL,
	"total_budget" integer NOT NULL,
	"spent_total" integer DEFAULT 0 NOT NULL,
	"pity_after" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "surprise_tables_spent_within_total" CHECK ("surprise_tables"."spent_total" <= "surprise_tables"."total_budget")
);
--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_settings" ADD CONSTRAINT "referral_settings_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_visits" ADD CONSTRAINT "referral_visits_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_member_id_memberships_id_fk" FOREIGN KEY ("referrer_member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_friend_member_id_memberships_id_fk" FOREIGN KEY ("friend_member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surprise_budget_days" ADD CONSTRAINT "surprise_budget_days_table_id_surprise_tables_id_fk" FOREIGN KEY ("table_id") REFERENCES "public"."surprise_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surprise_draws" ADD CONSTRAINT "surprise_draws_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surprise_draws" ADD CONSTRAINT "surprise_draws_table_id_surprise_tables_id_fk" FOREIGN KEY ("table_id") REFERENCES "public"."surprise_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surprise_draws" ADD CONSTRAINT "surprise_draws_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surprise_seeds" ADD CONSTRAINT "surprise_seeds_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surprise_tables" ADD CONSTRAINT "surprise_tables_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surprise_tables" ADD CONSTRAINT "surprise_tables_quest_id_quests_id_fk" FOREIGN KEY ("quest_id") REFERENCES "public"."quests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surprise_tables" ADD CONSTRAINT "surprise_tables_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referral_codes_code_key" ON "referral_codes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_visits_key" ON "referral_visits" USING btree ("member_id","visitor_hash","day");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_friend_key" ON "referrals" USING btree ("friend_member_id") WHERE status <> 'blocked';--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "referrals" USING btree ("referrer_member_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_queue_idx" ON "referrals" USING btree ("brand_id","status","created_at");--> statement-breakpoint
CREATE INDEX "referrals_auto_idx" ON "referrals" USING btree ("auto_approve_at") WHERE status = 'held';--> statement-breakpoint
CREATE UNIQUE INDEX "surprise_draws_trigger_key" ON "surprise_draws" USING btree ("table_id","trigger_key");--> statement-breakpoint
CREATE INDEX "surprise_draws_member_idx" ON "surprise_draws" USING btree ("table_id","member_id","seq");--> statement-breakpoint
CREATE INDEX "surprise_draws_mine_idx" ON "surprise_draws" USING btree ("member_id","seq");--> statement-breakpoint
CREATE INDEX "surprise_draws_period_idx" ON "surprise_draws" USING btree ("brand_id","period","seq");--> statement-breakpoint
CREATE INDEX "surprise_tables_brand_idx" ON "surprise_tables" USING btree ("brand_id","trigger");