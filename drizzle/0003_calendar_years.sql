CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"exceptions" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP TABLE "calendar_exceptions" CASCADE;