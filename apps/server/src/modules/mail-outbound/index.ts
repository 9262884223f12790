export { mailOutboundRoutes } from './mail-outbound.routes.js';
export { mailOutboundHandler } from './mail-outbound.handler.js';
export { runMailOutbound, MAIL_SEND_INTERVAL_MS } from './mail-outbound.sender.js';
export { withDeliveries } from './mail-outbound.service.js';
export { returnMailHandler } from './returns.handler.js';
export { returnDeliveries } from './mail-outbound.service.js';
