import { foundation } from './0001_foundation.js';
import { contactEmailUnique } from './0002_contact_email_unique.js';
import { cases } from './0003_cases.js';
import { sla } from './0004_sla.js';
import { discipline } from './0005_discipline.js';
import { search } from './0006_search.js';
import { teams } from './0007_teams.js';
import { attachments } from './0008_attachments.js';
import { agentTools } from './0009_agent_tools.js';
import { serviceLevels } from './0010_service_levels.js';
import { disciplineLinks } from './0011_discipline_links.js';
import { serviceContracts } from './0012_service_contracts.js';
import { deliveryCore } from './0013_delivery_core.js';
import { mailChannels } from './0014_mail_channels.js';
import { mailOutbound } from './0015_mail_outbound.js';
import { notifications } from './0016_notifications.js';
import { webhooksBots } from './0017_webhooks_bots.js';
import { returns } from './0018_returns.js';
import { queueOrder } from './0019_queue_order.js';
import { returnMail } from './0020_return_mail.js';
import { resanitizeMessages } from './0021_resanitize_messages.js';
import type { AppMigration } from './types.js';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: AppMigration[] = [
  foundation,
  contactEmailUnique,
  cases,
  sla,
  discipline,
  search,
  teams,
  attachments,
  agentTools,
  serviceLevels,
  disciplineLinks,
  serviceContracts,
  deliveryCore,
  mailChannels,
  mailOutbound,
  notifications,
  webhooksBots,
  returns,
  queueOrder,
  returnMail,
  resanitizeMessages,
];
