export { contactRoutes } from './contacts.routes.js';
export { ContactsRepository, type ContactRecord } from './contacts.repository.js';
