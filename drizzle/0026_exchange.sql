CREATE TABLE "exchange_access_rights" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_code" text NOT NULL,
	"client" text NOT NULL,
	"granted_at" timestamp (3) with time zone NOT NULL,
	"granted_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "exchange_messages_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp (3) with time zone NOT NULL,
	"direction" text NOT NULL,
	"x_road_id" text NOT NULL,
	"client" text NOT NULL,
	"service" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"user_id" text,
	"issue" text,
	"purpose" text,
	"subject_type" text,
	"subject_id" text,
	"request_hash" text NOT NULL,
	"request_signature" text,
	"request_key" text,
	"response_hash" text,
	"response_signature" text,
	"status" integer NOT NULL,
	"error" text,
	"duration_ms" integer NOT NULL,
	"request_body" "bytea",
	"response_body" "bytea",
	"bodies_stored" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_nonces" (
	"client" text NOT NULL,
	"nonce" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_access_rights_service_client" ON "exchange_access_rights" USING btree ("service_code","client");--> statement-breakpoint
CREATE INDEX "exchange_messages_at" ON "exchange_messages" USING btree ("at");--> statement-breakpoint
CREATE INDEX "exchange_messages_subject" ON "exchange_messages" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_messages_seq" ON "exchange_messages" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_nonces_pk" ON "exchange_nonces" USING btree ("client","nonce");--> statement-breakpoint
CREATE INDEX "exchange_nonces_at" ON "exchange_nonces" USING btree ("at");