// Agency-to-agency data exchange (X-Road REST between MotCua nodes): identifiers, the request hash and signed
// canonical forms, the global configuration's shape, the purpose catalogue and the refusal rules. Pure.
export * from './ids';
export * from './hash';
export * from './purposes';
export * from './globalconf';
export * from './refusals';
