export { customerRoutes } from './customers.routes.js';
export { CustomersRepository, type CustomerRecord } from './customers.repository.js';
