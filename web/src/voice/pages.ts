/** The voice pages (ratings, petitions, the assistant): one chunk, loaded when first needed. */
export { RatePage, RatingPrompt } from './RatePage';
export { PetitionPage, PetitionLookupPage } from './PetitionPages';
export { AssistantPage } from './AssistantPage';
export { FaqPage } from './FaqPage';
