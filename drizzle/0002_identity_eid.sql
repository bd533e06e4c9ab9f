CREATE TABLE "eid_provider_store" (
	"model" text NOT NULL,
	"id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"user_code" text,
	"uid" text,
	"expires_at" timestamp with time zone,
	"consumed_at" timestamp with time zone,
	CONSTRAINT "eid_provider_store_model_id_pk" PRIMARY KEY("model","id")
);
--> statement-breakpoint
CREATE TABLE "eid_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oidc_login_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"binding_hash" text NOT NULL,
	"audience" text NOT NULL,
	"state" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"return_to" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_members" (
	"organisation_id" uuid NOT NULL,
	"personal_id" text NOT NULL,
	"full_name" text NOT NULL,
	"rights" text[] NOT NULL,
	"added_by" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "organisation_members_organisation_id_personal_id_pk" PRIMARY KEY("organisation_id","personal_id"),
	CONSTRAINT "organisation_members_personal_id_ck" CHECK ("organisation_members"."personal_id" ~ '^[0-9]{12}$')
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_enterprise_code_ck" CHECK ("organisations"."enterprise_code" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
CREATE TABLE "authorisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grantor_account_id" uuid NOT NULL,
	"grantor_personal_id" text NOT NULL,
	"grantor_name" text NOT NULL,
	"agent_personal_id" text NOT NULL,
	"agent_name" text NOT NULL,
	"procedure_code" text,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "authorisations_not_self_ck" CHECK ("authorisations"."grantor_personal_id" <> "authorisations"."agent_personal_id"),
	CONSTRAINT "authorisations_dates_ck" CHECK ("authorisations"."valid_until" >= "authorisations"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "birthdate" date;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "assurance_level" smallint;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "last_login_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "assurance_level" smallint;--> statement-breakpoint
ALTER TABLE "organisation_members" ADD CONSTRAINT "organisation_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorisations" ADD CONSTRAINT "authorisations_grantor_account_id_accounts_id_fk" FOREIGN KEY ("grantor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eid_provider_store_grant_idx" ON "eid_provider_store" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "eid_provider_store_uid_idx" ON "eid_provider_store" USING btree ("model","uid");--> statement-breakpoint
CREATE INDEX "eid_provider_store_user_code_idx" ON "eid_provider_store" USING btree ("model","user_code");--> statement-breakpoint
CREATE INDEX "eid_provider_store_expires_idx" ON "eid_provider_store" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "oidc_login_requests_binding_idx" ON "oidc_login_requests" USING btree ("binding_hash");--> statement-breakpoint
CREATE INDEX "oidc_login_requests_expires_idx" ON "oidc_login_requests" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_enterprise_code_uq" ON "organisations" USING btree ("enterprise_code");--> statement-breakpoint
CREATE INDEX "authorisations_agent_idx" ON "authorisations" USING btree ("agent_personal_id");--> statement-breakpoint
CREATE INDEX "authorisations_grantor_idx" ON "authorisations" USING btree ("grantor_personal_id");--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_assurance_level_ck" CHECK ("accounts"."assurance_level" in (1, 2));--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_assurance_level_ck" CHECK ("sessions"."assurance_level" in (1, 2));