/** Notifications: kinds, templates with ((placeholders)), SMS rules, addresses — pure, shared with the web app. */
export * from './kinds';
export * from './template';
export * from './sms';
export * from './address';
export * from './check';
export * from './templates.default';
export * from './format';
