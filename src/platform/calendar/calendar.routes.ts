export function registerCalendarRoutes(..._a: unknown[]) {}
