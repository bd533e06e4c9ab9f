/** Dossier (hồ sơ) lifecycle: states, actions, the pure state machine, deadline comparisons and national forms. */
export * from './states';
export * from './roles';
export * from './actions';
export * from './machine';
export * from './deadline';
export * from './forms';
export * from './queues';
export * from './delivery';
export * from './progress';
