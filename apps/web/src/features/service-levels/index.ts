export { CaseServiceLevels, complaintFromForm } from './CaseServiceLevels';
export { ComplaintCloseFields } from './ComplaintCloseFields';
export { PortalCaseServiceLevels } from './PortalCaseServiceLevels';
export { PriorityTag } from './PriorityTag';
export { RepeatFlags } from './RepeatFlags';
export { SeverityGuide } from './SeverityGuide';
export { QueuePriorityCell } from './QueuePriorityCell';
export { PortalSeverityField, showChargeError } from './PortalSeverityField';
