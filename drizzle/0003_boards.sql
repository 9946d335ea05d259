CREATE TABLE "board_scores" (
	"brand_id" uuid NOT NULL,
	"board" text NOT NULL,
	"period" text NOT NULL,
	"member_id" uuid NOT NULL,
	"score" bigint NOT NULL,
	"reached_at" timestamp with time zone NOT NULL,
	CONSTRAINT "board_scores_brand_id_board_period_member_id_pk" PRIMARY KEY("brand_id","board","period","member_id")
);
--> statement-breakpoint
CREATE TABLE "league_cohorts" (
	"id" serial PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"week" text NOT NULL,
	"division" integer NOT NULL,
	"number" integer NOT NULL,
	"size" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "league_entries" (
	"cohort_id" integer NOT NULL,
	"member_id" uuid NOT NULL,
	"brand_id" uuid NOT NULL,
	"week" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"final_rank" integer,
	"final_points" bigint,
	"outcome" text,
	"prize" integer,
	CONSTRAINT "league_entries_member_id_week_pk" PRIMARY KEY("member_id","week")
);
--> statement-breakpoint
CREATE TABLE "league_members" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"division" integer DEFAULT 0 NOT NULL,
	"left_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "league_settings" (
	"brand_id" uuid PRIMARY KEY NOT NULL,
	"cohort_size" integer DEFAULT 30 NOT NULL,
	"promote" integer DEFAULT 7 NOT NULL,
	"demote" integer DEFAULT 5 NOT NULL,
	"prizes" jsonb DEFAULT '[100,50,25]'::jsonb NOT NULL,
	"divisions" jsonb DEFAULT '["Bronze","Silver","Gold","Sapphire","Diamond"]'::jsonb NOT NULL,
	CONSTRAINT "league_settings_sizes" CHECK ("league_settings"."cohort_size" between 2 and 100 and "league_settings"."promote" >= 0 and "league_settings"."demote" >= 0)
);
--> statement-breakpoint
CREATE TABLE "league_weeks" (
	"brand_id" uuid NOT NULL,
	"week" text NOT NULL,
	"settled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cohorts" integer DEFAULT 0 NOT NULL,
	"promoted" integer DEFAULT 0 NOT NULL,
	"demoted" integer DEFAULT 0 NOT NULL,
	"prizes_paid" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "league_weeks_brand_id_week_pk" PRIMARY KEY("brand_id","week")
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "boards_hidden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "boards_excluded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "boards_excluded_reason" text;--> statement-breakpoint
ALTER TABLE "streaks" ADD COLUMN "best_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "board_scores" ADD CONSTRAINT "board_scores_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_scores" ADD CONSTRAINT "board_scores_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_cohorts" ADD CONSTRAINT "league_cohorts_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_entries" ADD CONSTRAINT "league_entries_cohort_id_league_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."league_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_entries" ADD CONSTRAINT "league_entries_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_entries" ADD CONSTRAINT "league_entries_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_members" ADD CONSTRAINT "league_members_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_members" ADD CONSTRAINT "league_members_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_settings" ADD CONSTRAINT "league_settings_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "league_weeks" ADD CONSTRAINT "league_weeks_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_scores_rank_idx" ON "board_scores" USING btree ("brand_id","board","period","score" desc,"reached_at","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "league_cohorts_key" ON "league_cohorts" USING btree ("brand_id","week","division","number");--> statement-breakpoint
CREATE INDEX "league_entries_cohort_idx" ON "league_entries" USING btree ("cohort_id");