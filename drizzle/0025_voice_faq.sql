CREATE TABLE "voice_faq" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_vi" text NOT NULL,
	"question_en" text NOT NULL,
	"answer_vi" text NOT NULL,
	"answer_en" text NOT NULL,
	"keywords" jsonb NOT NULL,
	"procedure_key" text,
	"published" boolean NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "voice_faq_published_idx" ON "voice_faq" USING btree ("published");