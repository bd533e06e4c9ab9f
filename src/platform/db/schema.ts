// Every module's tables, gathered for Drizzle (queries with relations, drizzle-kit migrations).
export * from '../audit/audit.schema';
export * from '../events/outbox.schema';
export * from '../meta.schema';
export * from '../calendar/calendar.schema';
export * from '../../modules/geography/geography.schema';
export * from '../../modules/identity/identity.schema';
export * from '../../modules/catalog/catalog.schema';
export * from '../../modules/registry/registry.schema';
export * from '../idempotency/idempotency.schema';
export * from '../../modules/dossier/dossier.schema';
export * from '../tlog/tlog.schema';
export * from '../../modules/tlog/tlog.schema';
