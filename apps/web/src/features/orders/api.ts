import type { Order, OrderCreate, OrderUpdate } from '@aftercare/contracts';
import { createResource } from '../../lib/resource';

export const orders = createResource<Order, OrderCreate, OrderUpdate>('orders', '/orders');
