/** The virtual assistant (trợ lý ảo): retrieval over the catalogue, without a language model. Pure. */
export { Assistant, type AssistantAnswer, type AssistantMatch, type AssistantPassage, type AssistantProcedure, type Focus } from './assistant';
export { SYNONYMS } from './synonyms';
export * from './officer';
