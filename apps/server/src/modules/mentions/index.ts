export { mentionRoutes } from './mentions.routes.js';
export { recordMentionsInTx, withMentions, caseMentions } from './mentions.service.js';
