export { orderRoutes } from './orders.routes.js';
export { OrdersRepository, type OrderRecord, type OrderLineRecord } from './orders.repository.js';
