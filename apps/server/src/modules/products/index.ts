export { productRoutes } from './products.routes.js';
export { ProductsRepository, type ProductRecord, type EditionRecord } from './products.repository.js';
