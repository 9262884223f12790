import { sql, type Kysely } from 'kysely';
import { resanitizeHtml } from '../src/modules/cases/case-body.js';
import type { AppMigration } from './types.js';

/**
 * Until this version the message sanitiser let the raw text of <xmp> (and <noscript>, <noembed>, <noframes>,
 * <plaintext>) through unescaped, so `<xmp><img src=x onerror=…></xmp>` was stored as a live <img>. Messages
 * never keep images, frames, forms, media or event handlers, so any stored body that holds one went through
 * that hole: those bodies go through the current rules again. Everything else is left as it is.
 */
const SUSPECT = [
  '%<img%',
  '%<svg%',
  '%<script%',
  '%<iframe%',
  '%<frame%',
  '%<object%',
  '%<embed%',
  '%<math%',
  '%<style%',
  '%<form%',
  '%<input%',
  '%<button%',
  '%<video%',
  '%<audio%',
  '%<source%',
  '%<body%',
  '%<details%',
  '%<marquee%',
  '%<base%',
  '%<meta%',
  '%<link%',
  '%<template%',
  '%javascript:%',
  '%vbscript:%',
  '%data:%',
  '% on%=%',
];

export const resanitizeMessages: AppMigration = {
  name: '0021_resanitize_messages',
  async up(db: Kysely<unknown>) {
    const lower = sql.ref('body_html');
    const rows = await sql<{ workspace_id: string; id: string; body_html: string }>`
      select workspace_id, id, body_html from case_messages
      where body_html is not null and (${sql.join(
        SUSPECT.map((p) => sql`lower(${lower}) like ${p}`),
        sql` or `,
      )})`.execute(db);
    for (const r of rows.rows) {
      const clean = resanitizeHtml(r.body_html);
      if (clean === r.body_html) continue;
      await sql`update case_messages set body_html = ${clean}
        where workspace_id = ${r.workspace_id} and id = ${r.id}`.execute(db);
    }
  },
};
