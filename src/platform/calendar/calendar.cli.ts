export async function runDueCommand(..._a: unknown[]) { return 0; }
