CREATE TABLE "voice_petitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"status" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"escalated_to_agency_id" uuid,
	"escalated_at" timestamp (3) with time zone,
	"dossier_id" uuid,
	"dossier_code" text,
	"procedure_key" text,
	"petitioner_account_id" uuid,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"consent_publish" boolean NOT NULL,
	"filed_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"refuse_by" timestamp (3) with time zone NOT NULL,
	"request_info_by" timestamp (3) with time zone NOT NULL,
	"answer_by" timestamp (3) with time zone NOT NULL,
	"on_time" boolean,
	"draft_answer" text,
	"answer" text,
	"answered_at" timestamp (3) with time zone,
	"published_at" timestamp (3) with time zone,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "voice_petitions_publish_ck" CHECK ("voice_petitions"."published_at" is null or "voice_petitions"."consent_publish")
);
--> statement-breakpoint
CREATE TABLE "voice_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"procedure_key" text NOT NULL,
	"procedure_name" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"officer_account_id" uuid,
	"rater_account_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"comment" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"editable_until" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "voice_ratings_score_ck" CHECK ("voice_ratings"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "voice_petitions_code_uq" ON "voice_petitions" USING btree ("code");--> statement-breakpoint
CREATE INDEX "voice_petitions_agency_idx" ON "voice_petitions" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "voice_petitions_escalated_idx" ON "voice_petitions" USING btree ("escalated_to_agency_id");--> statement-breakpoint
CREATE INDEX "voice_petitions_due_idx" ON "voice_petitions" USING btree ("answer_by");--> statement-breakpoint
CREATE UNIQUE INDEX "voice_ratings_dossier_uq" ON "voice_ratings" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "voice_ratings_agency_idx" ON "voice_ratings" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "voice_ratings_procedure_idx" ON "voice_ratings" USING btree ("procedure_key");