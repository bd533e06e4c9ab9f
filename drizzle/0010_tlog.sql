CREATE TABLE "tlog_entries" (
	"idx" bigint PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"ref" text NOT NULL,
	"data" text NOT NULL,
	"hash" "bytea" NOT NULL,
	"salt" "bytea" NOT NULL,
	"logged_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tlog_pending" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tlog_pending_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"ref" text NOT NULL,
	"data" text NOT NULL,
	"hash" "bytea" NOT NULL,
	"salt" "bytea" NOT NULL,
	"logged_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tlog_checkpoints" (
	"size" bigint PRIMARY KEY NOT NULL,
	"root" "bytea" NOT NULL,
	"note" text NOT NULL,
	"signed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tlog_cosignatures" (
	"size" bigint NOT NULL,
	"witness" text NOT NULL,
	"line" text NOT NULL,
	"timestamp" bigint,
	"received_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "tlog_cosignatures_size_witness_pk" PRIMARY KEY("size","witness")
);
--> statement-breakpoint
CREATE TABLE "tlog_head" (
	"id" smallint PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"root" "bytea" NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tlog_tiles" (
	"level" smallint NOT NULL,
	"idx" bigint NOT NULL,
	"width" smallint NOT NULL,
	"hashes" "bytea" NOT NULL,
	CONSTRAINT "tlog_tiles_level_idx_pk" PRIMARY KEY("level","idx")
);
--> statement-breakpoint
CREATE INDEX "tlog_entries_ref_idx" ON "tlog_entries" USING btree ("kind","ref");--> statement-breakpoint
CREATE INDEX "tlog_pending_ref_idx" ON "tlog_pending" USING btree ("kind","ref");