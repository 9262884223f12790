import type { Customer, CustomerCreate, CustomerUpdate } from '@aftercare/contracts';
import { createResource } from '../../lib/resource';

export const customers = createResource<Customer, CustomerCreate, CustomerUpdate>('customers', '/customers');
