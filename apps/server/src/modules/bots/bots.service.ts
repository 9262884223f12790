import type {
  BotTarget,
  BotTargetCreate,
  BotTargetUpdate,
  Delivery,
  DeliveryQuery,
  FieldError,
  PageOf,
} from '@aftercare/contracts';
import { inTransaction, type ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, invalidFields } from '../../platform/http/errors.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { emit } from '../../platform/events/outbox.js';
import {
  presentDelivery,
  replayDelivery,
  targetUrlError,
  WebhooksRepository,
  type DeliveryRecord,
} from '../webhooks/index.js';
import { BotsRepository, type BotFields, type BotRecord } from './bots.repository.js';
import { presentBot, urlHint } from './bots.presenter.js';
import { testMessage } from './bots.messages.js';

const audited = (b: BotRecord) => ({
  name: b.name,
  kind: b.kind,
  urlHint: b.urlHint,
  hasSecret: b.secret !== null,
  teamId: b.teamId,
  events: b.events,
  enabled: b.enabled,
});

/** Group bots of WeCom, DingTalk and Feishu: per team (or workspace-wide) and per event. */
export class BotsService {
  constructor(private readonly ctx: ServiceContext) {}

  private repo(db: Executor = this.ctx.database.db) {
    return new BotsRepository(db, this.ctx.workspace.id);
  }

  private queue(db: Executor = this.ctx.database.db) {
    return new WebhooksRepository(db, this.ctx.workspace.id);
  }

  private box() {
    return new SecretBox(this.ctx.config.secret);
  }

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  private async found(id: string, db?: Executor): Promise<BotRecord> {
    const b = await this.repo(db).find(id);
    if (!b) throw new AppError('not_found');
    return b;
  }

  async list(): Promise<BotTarget[]> {
    return (await this.repo().list()).map((b) => presentBot(b, this.ctx.principal));
  }

  async get(id: string): Promise<BotTarget> {
    return presentBot(await this.found(id), this.ctx.principal);
  }

  async exists(id: string): Promise<boolean> {
    return Boolean(await this.repo().find(id));
  }

  /** Checks the address (SSRF rules) and the team; seals the address and the secret. */
  private async fields(
    tx: Executor,
    input: {
      name: string;
      kind: BotFields['kind'];
      url: string | null;
      secret: string | null | undefined;
      teamId: string | null;
      events: BotFields['events'];
      enabled: boolean;
    },
    before?: BotRecord,
  ): Promise<BotFields> {
    const errs: FieldError[] = [];
    const { allowPrivateTargets } = await this.queue(tx).settings();
    if (input.url !== null) {
      const e = await targetUrlError('url', input.url, allowPrivateTargets);
      if (e) errs.push(e);
    }
    if (input.teamId && input.teamId !== before?.teamId && !(await this.repo(tx).teamExists(input.teamId)))
      errs.push(fieldError('teamId', 'unknown_reference'));
    if (!input.name.trim()) errs.push(fieldError('name', 'required'));
    if (errs.length) throw invalidFields(errs);
    const url = input.url === null ? null : new URL(input.url.trim()).toString();
    return {
      name: input.name.trim(),
      kind: input.kind,
      url: url === null ? (before?.url ?? '') : this.box().seal(url),
      urlHint: url === null ? (before?.urlHint ?? '') : urlHint(url),
      secret:
        input.secret === undefined
          ? (before?.secret ?? null)
          : input.secret === null
            ? null
            : this.box().seal(input.secret.trim()),
      teamId: input.teamId,
      events: [...new Set(input.events)],
      enabled: input.enabled,
    };
  }

  async create(input: BotTargetCreate): Promise<BotTarget> {
    return inTransaction(this.ctx, async (tx) => {
      const f = await this.fields(tx, {
        name: input.name,
        kind: input.kind,
        url: input.url,
        secret: input.secret ?? null,
        teamId: input.teamId ?? null,
        events: input.events,
        enabled: input.enabled ?? true,
      });
      const id = newId();
      await this.repo(tx).insert(id, f, this.now());
      const after = await this.found(id, tx);
      await recordAudit(tx, this.ctx, {
        entityType: 'bot',
        entityId: id,
        action: 'created',
        after: audited(after),
      });
      await emit(tx, this.ctx, 'bot.created', { botId: id, kind: after.kind });
      return presentBot(after, this.ctx.principal);
    });
  }

  async update(id: string, input: BotTargetUpdate): Promise<BotTarget> {
    return inTransaction(this.ctx, async (tx) => {
      const before = await this.found(id, tx);
      if (before.version !== input.version) throw new AppError('conflict');
      const f = await this.fields(
        tx,
        {
          name: input.name ?? before.name,
          kind: before.kind,
          url: input.url ?? null,
          secret: input.secret,
          teamId: input.teamId === undefined ? before.teamId : input.teamId,
          events: input.events ?? before.events,
          enabled: input.enabled ?? before.enabled,
        },
        before,
      );
      if (!(await this.repo(tx).update(id, before.version, f, this.now()))) throw new AppError('conflict');
      const after = await this.found(id, tx);
      await recordAudit(tx, this.ctx, {
        entityType: 'bot',
        entityId: id,
        action: 'updated',
        before: audited(before),
        after: audited(after),
      });
      await emit(tx, this.ctx, 'bot.updated', { botId: id });
      return presentBot(after, this.ctx.principal);
    });
  }

  async remove(id: string): Promise<void> {
    await inTransaction(this.ctx, async (tx) => {
      const before = await this.found(id, tx);
      await this.repo(tx).remove(id);
      await recordAudit(tx, this.ctx, {
        entityType: 'bot',
        entityId: id,
        action: 'deleted',
        before: audited(before),
      });
      await emit(tx, this.ctx, 'bot.deleted', { botId: id });
    });
  }

  /** Queues a test message for this bot. */
  async sendTest(id: string): Promise<Delivery> {
    return inTransaction(this.ctx, async (tx) => {
      await this.found(id, tx);
      const queue = this.queue(tx);
      const deliveryId = newId();
      const message = testMessage(this.ctx.workspace.defaultLocale, this.ctx.config.publicUrl);
      await queue.enqueue(
        [
          {
            id: deliveryId,
            botId: id,
            eventId: null,
            eventType: 'bot.test',
            payload: JSON.stringify(message),
          },
        ],
        this.now(),
      );
      await recordAudit(tx, this.ctx, {
        entityType: 'bot',
        entityId: id,
        action: 'test_sent',
        changes: { delivery: { from: null, to: deliveryId } },
      });
      await emit(tx, this.ctx, 'bot.test_sent', { botId: id, deliveryId });
      return presentDelivery((await queue.delivery(deliveryId)) as DeliveryRecord, this.ctx.principal);
    });
  }

  async deliveries(id: string, query: DeliveryQuery): Promise<PageOf<Delivery>> {
    await this.found(id);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await this.queue().deliveriesOf(
      { botId: id },
      { status: query.status, page, pageSize },
    );
    return { items: items.map((d) => presentDelivery(d, this.ctx.principal)), total, page, pageSize };
  }

  async replay(id: string, deliveryId: string): Promise<Delivery> {
    return inTransaction(this.ctx, async (tx) => {
      await this.found(id, tx);
      const queue = this.queue(tx);
      const original = await queue.delivery(deliveryId);
      if (!original || original.botId !== id) throw new AppError('not_found');
      const replayId = await replayDelivery(queue, original, this.now());
      await recordAudit(tx, this.ctx, {
        entityType: 'bot',
        entityId: id,
        action: 'delivery_replayed',
        changes: { delivery: { from: deliveryId, to: replayId } },
      });
      await emit(tx, this.ctx, 'bot.delivery_replayed', { botId: id, deliveryId, replayId });
      return presentDelivery((await queue.delivery(replayId)) as DeliveryRecord, this.ctx.principal);
    });
  }
}
