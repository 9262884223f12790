export { createWorkspace, type CreatedWorkspace, type NewWorkspace } from './workspaces.service.js';
export { workspaceRoutes } from './workspaces.routes.js';
export { WorkspacesRepository } from './workspaces.repository.js';
