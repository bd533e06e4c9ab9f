CREATE TABLE "inspection_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"text" text NOT NULL,
	"remedy" text,
	"remedy_due_at" timestamp (3) with time zone,
	"remedy_done_at" timestamp (3) with time zone,
	"remedy_note" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"file_name" text,
	"file" "bytea",
	"file_sha256" text,
	"uploaded_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"enterprise_code" text NOT NULL,
	"entity_name" text NOT NULL,
	"title" text NOT NULL,
	"scope" text NOT NULL,
	"legal_basis" text NOT NULL,
	"team" jsonb NOT NULL,
	"starts_on" text NOT NULL,
	"ends_on" text NOT NULL,
	"state" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp (3) with time zone,
	"meeting_id" uuid,
	"started_at" timestamp (3) with time zone,
	"online" text NOT NULL,
	"minutes_pdf" "bytea",
	"minutes_sha256" text,
	"team_signed_at" timestamp (3) with time zone,
	"entity_signed_at" timestamp (3) with time zone,
	"entity_signed_by" text,
	"conclusion" text,
	"concluded_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_ballots" (
	"vote_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "meeting_ballots_vote_id_participant_id_pk" PRIMARY KEY("vote_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_document_reads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"copy_sha256" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"opinion_deadline" timestamp (3) with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_opinions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"stance" text NOT NULL,
	"text" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"account_id" uuid,
	"personal_id" text,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"voting" boolean NOT NULL,
	"invited_at" timestamp (3) with time zone NOT NULL,
	"attended_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"question" text NOT NULL,
	"quorum" text NOT NULL,
	"majority" text NOT NULL,
	"state" text NOT NULL,
	"result" jsonb,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"agenda" jsonb NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"state" text NOT NULL,
	"purpose" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"opened_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"minutes_text" text,
	"minutes_pdf" "bytea",
	"minutes_sha256" text,
	"minutes_signed_at" timestamp (3) with time zone,
	"reminded_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "inspection_findings_insp_idx" ON "inspection_findings" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "inspection_requests_insp_idx" ON "inspection_requests" USING btree ("inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_code_uq" ON "inspections" USING btree ("code");--> statement-breakpoint
CREATE INDEX "inspections_agency_idx" ON "inspections" USING btree ("agency_id","started_at");--> statement-breakpoint
CREATE INDEX "inspections_entity_idx" ON "inspections" USING btree ("enterprise_code");--> statement-breakpoint
CREATE INDEX "meeting_document_reads_doc_idx" ON "meeting_document_reads" USING btree ("document_id","at");--> statement-breakpoint
CREATE INDEX "meeting_documents_meeting_idx" ON "meeting_documents" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_opinions_uq" ON "meeting_opinions" USING btree ("document_id","participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_participants_account_uq" ON "meeting_participants" USING btree ("meeting_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_participants_person_uq" ON "meeting_participants" USING btree ("meeting_id","personal_id");--> statement-breakpoint
CREATE INDEX "meeting_participants_person_idx" ON "meeting_participants" USING btree ("personal_id");--> statement-breakpoint
CREATE INDEX "meeting_votes_meeting_idx" ON "meeting_votes" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meetings_agency_idx" ON "meetings" USING btree ("agency_id","starts_at");