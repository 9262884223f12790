import { foundation } from './0001_foundation.js';
import { contactEmailUnique } from './0002_contact_email_unique.js';
import { cases } from './0003_cases.js';
import { sla } from './0004_sla.js';
import { discipline } from './0005_discipline.js';
import type { AppMigration } from './types.js';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: AppMigration[] = [foundation, contactEmailUnique, cases, sla, discipline];
