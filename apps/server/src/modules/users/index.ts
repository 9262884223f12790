export { createUserInTx, issueOneTimeToken, INVITE_TTL_MS, type NewUser } from './users.service.js';
export { UsersRepository, type UserRecord } from './users.repository.js';
export { userRoutes } from './users.routes.js';
