/** Pure analytics logic (phân tích): Decision 766 index formulas and the rollup model, shared by server and web. */
export * from './facts';
export * from './formulas';
