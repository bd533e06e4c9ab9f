/** The procedure catalogue's model (schemas and the types derived from them) and vocabularies. */
export * from './taxonomy';
export * from './fees';
export * from './documents';
export * from './document-rules';
export * from './fee-total';
export * from './workflow';
export * from './procedure';
export * from './bindings';
export { BilingualText, Money, oneOf } from './primitives';
export * from './diff';
