import type { FastifyInstance } from 'fastify';
import { authRoutes } from './auth/index.js';
import { workspaceRoutes } from './workspaces/index.js';
import { userRoutes } from './users/index.js';
import { roleRoutes } from './roles/index.js';
import { departmentRoutes } from './departments/index.js';
import { apiTokenRoutes } from './api-tokens/index.js';
import { customerRoutes } from './customers/index.js';
import { contactRoutes } from './contacts/index.js';
import { productRoutes } from './products/index.js';
import { orderRoutes } from './orders/index.js';
import { assetRoutes } from './assets/index.js';
import { portalRoutes } from './portal/index.js';
import { caseRoutes, disciplineRoutes, portalCaseRoutes, portalDisciplineRoutes } from './cases/index.js';
import { reportRoutes } from './reports/index.js';
import { calendarRoutes } from './calendars/index.js';
import { slaPolicyRoutes } from './sla/index.js';

/** Every module's routes, under /api. A module is listed here and nowhere else. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(workspaceRoutes);
  await app.register(userRoutes);
  await app.register(roleRoutes);
  await app.register(departmentRoutes);
  await app.register(apiTokenRoutes);
  await app.register(customerRoutes);
  await app.register(contactRoutes);
  await app.register(productRoutes);
  await app.register(orderRoutes);
  await app.register(assetRoutes);
  await app.register(portalRoutes);
  await app.register(caseRoutes);
  await app.register(portalCaseRoutes);
  await app.register(disciplineRoutes);
  await app.register(portalDisciplineRoutes);
  await app.register(reportRoutes);
  await app.register(calendarRoutes);
  await app.register(slaPolicyRoutes);
}
