CREATE TYPE "public"."content_state" AS ENUM('pending', 'published', 'rejected', 'hidden');--> statement-breakpoint
CREATE TYPE "public"."idea_status" AS ENUM('open', 'under_review', 'planned', 'in_progress', 'shipped', 'declined', 'duplicate');--> statement-breakpoint
CREATE TABLE "idea_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"idea_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"parent_id" uuid,
	"body" text NOT NULL,
	"official" boolean DEFAULT false NOT NULL,
	"state" "content_state" DEFAULT 'published' NOT NULL,
	"state_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"idempotency_key" text
);
--> statement-breakpoint
CREATE TABLE "idea_flags" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"idea_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" text
);
--> statement-breakpoint
CREATE TABLE "idea_mutes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"idea_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idea_payoffs" (
	"idea_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"paid_at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "idea_payoffs_idea_id_stage_pk" PRIMARY KEY("idea_id","stage")
);
--> statement-breakpoint
CREATE TABLE "idea_settings" (
	"brand_id" uuid PRIMARY KEY NOT NULL,
	"premod_days" integer DEFAULT 0 NOT NULL,
	"premod_below_tier" integer DEFAULT 0 NOT NULL,
	"approve_points" integer DEFAULT 10 NOT NULL,
	"planned_points" integer DEFAULT 25 NOT NULL,
	"ship_author_points" integer DEFAULT 100 NOT NULL,
	"ship_voter_points" integer DEFAULT 10 NOT NULL,
	"ship_voter_count" integer DEFAULT 50 NOT NULL,
	CONSTRAINT "idea_settings_ranges" CHECK ("idea_settings"."premod_days" between 0 and 365 and "idea_settings"."premod_below_tier" >= 0 and "idea_settings"."approve_points" between 0 and 100000
        and "idea_settings"."planned_points" between 0 and 100000 and "idea_settings"."ship_author_points" between 0 and 100000
        and "idea_settings"."ship_voter_points" between 0 and 100000 and "idea_settings"."ship_voter_count" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "idea_status_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"idea_id" uuid NOT NULL,
	"from_status" "idea_status",
	"to_status" "idea_status" NOT NULL,
	"note" text,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idea_votes" (
	"idea_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"via_idea_id" uuid,
	CONSTRAINT "idea_votes_idea_id_member_id_pk" PRIMARY KEY("idea_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "ideas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"lang" text DEFAULT 'en' NOT NULL,
	"status" "idea_status" DEFAULT 'open' NOT NULL,
	"status_note" text,
	"state" "content_state" DEFAULT 'published' NOT NULL,
	"state_reason" text,
	"merged_into_id" uuid,
	"status_before_merge" "idea_status",
	"vote_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"comments_locked" boolean DEFAULT false NOT NULL,
	"search" "tsvector",
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "ideas_counts" CHECK ("ideas"."vote_count" >= 0 and "ideas"."comment_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"idea_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"emailed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_author_id_memberships_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_flags" ADD CONSTRAINT "idea_flags_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_flags" ADD CONSTRAINT "idea_flags_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_flags" ADD CONSTRAINT "idea_flags_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_flags" ADD CONSTRAINT "idea_flags_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_mutes" ADD CONSTRAINT "idea_mutes_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_mutes" ADD CONSTRAINT "idea_mutes_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_payoffs" ADD CONSTRAINT "idea_payoffs_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_settings" ADD CONSTRAINT "idea_settings_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_status_changes" ADD CONSTRAINT "idea_status_changes_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_status_changes" ADD CONSTRAINT "idea_status_changes_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_votes" ADD CONSTRAINT "idea_votes_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_votes" ADD CONSTRAINT "idea_votes_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_author_id_memberships_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "idea_comments_author_key" ON "idea_comments" USING btree ("author_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "idea_comments_idea_idx" ON "idea_comments" USING btree ("idea_id","created_at");--> statement-breakpoint
CREATE INDEX "idea_comments_brand_state_idx" ON "idea_comments" USING btree ("brand_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "idea_flags_once_key" ON "idea_flags" USING btree ("target_type","target_id","member_id");--> statement-breakpoint
CREATE INDEX "idea_flags_open_idx" ON "idea_flags" USING btree ("brand_id","created_at") WHERE resolved_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "idea_mutes_key" ON "idea_mutes" USING btree ("member_id",coalesce("idea_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "idea_status_changes_idea_idx" ON "idea_status_changes" USING btree ("idea_id","id");--> statement-breakpoint
CREATE INDEX "idea_votes_idea_time_idx" ON "idea_votes" USING btree ("idea_id","created_at");--> statement-breakpoint
CREATE INDEX "idea_votes_member_idx" ON "idea_votes" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "ideas_brand_created_idx" ON "ideas" USING btree ("brand_id","created_at");--> statement-breakpoint
CREATE INDEX "ideas_brand_votes_idx" ON "ideas" USING btree ("brand_id","vote_count");--> statement-breakpoint
CREATE INDEX "ideas_brand_status_idx" ON "ideas" USING btree ("brand_id","status");--> statement-breakpoint
CREATE INDEX "ideas_author_idx" ON "ideas" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "ideas_search_idx" ON "ideas" USING gin ("search");--> statement-breakpoint
CREATE INDEX "ideas_tags_idx" ON "ideas" USING gin ("tags");--> statement-breakpoint
CREATE UNIQUE INDEX "ideas_author_key" ON "ideas" USING btree ("author_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" USING btree ("member_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_member_idx" ON "notifications" USING btree ("member_id","id");--> statement-breakpoint
CREATE INDEX "notifications_unsent_idx" ON "notifications" USING btree ("id") WHERE emailed_at is null;