import { pgTable, uuid } from 'drizzle-orm/pg-core';

/**
 * Another module's table as a foreign-key target, named rather than imported: a module's tables are private, so a
 * schema file that references one (e.g. `role_grants.agency_id → agencies.id`) declares only the table and its uuid
 * key. The database still enforces the key; nothing can be read through this stand-in, and since it is not exported,
 * drizzle-kit sees only the one real table.
 */
export function foreignTable(name: string) {
  return pgTable(name, { id: uuid('id') });
}
