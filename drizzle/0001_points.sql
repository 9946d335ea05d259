CREATE TYPE "public"."ledger_kind" AS ENUM('earn', 'redeem', 'donate', 'expire', 'reverse', 'adjust');--> statement-breakpoint
CREATE TYPE "public"."ledger_source" AS ENUM('quest', 'review', 'idea', 'referral', 'surprise', 'league', 'staff', 'reward', 'donation', 'expiry');--> statement-breakpoint
CREATE TYPE "public"."ledger_state" AS ENUM('pending', 'vested', 'reversed');--> statement-breakpoint
CREATE TYPE "public"."redemption_status" AS ENUM('awaiting_fulfilment', 'fulfilled', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."reward_kind" AS ENUM('discount_code', 'free_item', 'experience', 'donation');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "balances" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"available" integer DEFAULT 0 NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	"lifetime_earned" integer DEFAULT 0 NOT NULL,
	"tier_rank" integer DEFAULT 0 NOT NULL,
	"tier_since" timestamp with time zone DEFAULT now() NOT NULL,
	"qualified_until" timestamp with time zone NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "balances_available_nonnegative" CHECK ("balances"."available" >= 0),
	CONSTRAINT "balances_pending_nonnegative" CHECK ("balances"."pending" >= 0)
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"brand_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"base_amount" integer,
	"multiplier_bp" integer DEFAULT 100 NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"source_type" "ledger_source" NOT NULL,
	"source_id" text,
	"reason" text NOT NULL,
	"state" "ledger_state" NOT NULL,
	"idempotency_key" text NOT NULL,
	"payload_hash" text NOT NULL,
	"counterparty_id" uuid,
	"related_id" bigint,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"vests_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"emailed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "points_policies" (
	"brand_id" uuid PRIMARY KEY NOT NULL,
	"expiry_days" integer,
	"donation_daily_limit" integer DEFAULT 500 NOT NULL,
	"cause_name" text DEFAULT '' NOT NULL,
	"cause_points" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"reward_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"ledger_id" bigint NOT NULL,
	"cost" integer NOT NULL,
	"voucher_code" text NOT NULL,
	"status" "redemption_status" DEFAULT 'awaiting_fulfilment' NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fulfilled_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"refund_ledger_id" bigint
);
--> statement-breakpoint
CREATE TABLE "rewards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"image_url" text,
	"cost" integer NOT NULL,
	"stock" integer,
	"per_member_limit" integer,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"kind" "reward_kind" NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rewards_cost_positive" CHECK ("rewards"."cost" > 0),
	CONSTRAINT "rewards_stock_nonnegative" CHECK ("rewards"."stock" is null or "rewards"."stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tier_points_monthly" (
	"member_id" uuid NOT NULL,
	"month" date NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "tier_points_monthly_member_id_month_pk" PRIMARY KEY("member_id","month")
);
--> statement-breakpoint
CREATE TABLE "tiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"name" text NOT NULL,
	"threshold" integer NOT NULL,
	"multiplier_bp" integer NOT NULL,
	"perks" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_seqs" (
	"topic" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balances" ADD CONSTRAINT "balances_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balances" ADD CONSTRAINT "balances_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger" ADD CONSTRAINT "ledger_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger" ADD CONSTRAINT "ledger_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger" ADD CONSTRAINT "ledger_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_policies" ADD CONSTRAINT "points_policies_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_reward_id_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."rewards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_points_monthly" ADD CONSTRAINT "tier_points_monthly_member_id_memberships_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiers" ADD CONSTRAINT "tiers_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_brand_idx" ON "audit_log" USING btree ("brand_id","id");--> statement-breakpoint
CREATE INDEX "balances_brand_idx" ON "balances" USING btree ("brand_id");--> statement-breakpoint
CREATE INDEX "balances_activity_idx" ON "balances" USING btree ("brand_id","last_activity_at");--> statement-breakpoint
CREATE UNIQUE INDEX "events_topic_seq_key" ON "events" USING btree ("topic","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_brand_key" ON "ledger" USING btree ("brand_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "ledger_member_idx" ON "ledger" USING btree ("member_id","id");--> statement-breakpoint
CREATE INDEX "ledger_pending_idx" ON "ledger" USING btree ("vests_at") WHERE state = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "notices_member_key" ON "notices" USING btree ("member_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_brand_key" ON "redemptions" USING btree ("brand_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_voucher_key" ON "redemptions" USING btree ("voucher_code");--> statement-breakpoint
CREATE INDEX "redemptions_member_idx" ON "redemptions" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "redemptions_queue_idx" ON "redemptions" USING btree ("brand_id","status","created_at");--> statement-breakpoint
CREATE INDEX "rewards_brand_idx" ON "rewards" USING btree ("brand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tiers_brand_rank_key" ON "tiers" USING btree ("brand_id","rank");--> statement-breakpoint
-- Every brand gets the default tiers and a points policy however it is created.
CREATE FUNCTION sadiq_brand_defaults() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tiers (brand_id, rank, name, threshold, multiplier_bp) VALUES
    (NEW.id, 0, 'Bronze', 0, 100), (NEW.id, 1, 'Silver', 1000, 130), (NEW.id, 2, 'Gold', 5000, 160)
  ON CONFLICT DO NOTHING;
  INSERT INTO points_policies (brand_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER brands_defaults AFTER INSERT ON brands FOR EACH ROW EXECUTE FUNCTION sadiq_brand_defaults();
--> statement-breakpoint
INSERT INTO tiers (brand_id, rank, name, threshold, multiplier_bp)
  SELECT b.id, t.rank, t.name, t.threshold, t.multiplier_bp FROM brands b
  CROSS JOIN (VALUES (0, 'Bronze', 0, 100), (1, 'Silver', 1000, 130), (2, 'Gold', 5000, 160)) AS t(rank, name, threshold, multiplier_bp)
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO points_policies (brand_id) SELECT id FROM brands ON CONFLICT DO NOTHING;
