import { createHmac } from 'node:crypto';
import type { DeliveryStatus } from '@aftercare/contracts';
import type { Deps } from '../../platform/context.js';
import { SecretBox } from '../../platform/crypto/secret-box.js';
import { botReplyError, botRequest, type BotMessage } from '../../platform/net/group-bots.js';
import { safePost, TargetRefused, type Resolver } from '../../platform/net/safe-http.js';
import { nextAttemptAt } from '../../platform/retry.js';
import { dueDeliveries, WebhooksRepository, type DeliveryOutcome } from './webhooks.repository.js';

/** How often the server works the delivery queue. */
export const WEBHOOK_DELIVERY_INTERVAL_MS = 5_000;
/** After this many attempts a delivery is given up (about 2 h of backoff from 30 s). */
export const WEBHOOK_MAX_ATTEMPTS = 8;
/** How long a claimed delivery is left alone while it is being sent. */
const LEASE_MS = 60_000;
const BATCH = 50;
const EXCERPT = 2000;

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, the X-Aftercare-Signature header. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export interface DeliveryRunResult {
  sent: number;
  succeeded: number;
  failed: number;
}

interface Attempt {
  /** null: succeeded */
  error: string | null;
  retry: boolean;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number | null;
}

/**
 * Sends the due deliveries (webhooks and group bots) of every workspace, or of `workspaceIds` (tests). Each is
 * claimed first so two processes never send it at once. Network errors, timeouts, 408, 429, 5xx and a bot's
 * error code are tried again with backoff; a redirect (never followed), any other 4xx and a refused target fail
 * at once. `resolver` replaces DNS (tests).
 */
export async function runWebhookDeliveries(
  deps: Deps,
  now: Date,
  options: { workspaceIds?: string[]; resolver?: Resolver; timeoutMs?: number } = {},
): Promise<DeliveryRunResult> {
  const result: DeliveryRunResult = { sent: 0, succeeded: 0, failed: 0 };
  const at = now.toISOString();
  const due = await dueDeliveries(deps.database.db, at, options.workspaceIds, BATCH);
  const box = new SecretBox(deps.config.secret);
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  for (const row of due) {
    const repo = new WebhooksRepository(deps.database.db, row.workspace_id);
    if (!(await repo.claim(row.id, row.attempts, at, leaseUntil))) continue;
    const delivery = await repo.delivery(row.id);
    if (!delivery) continue;
    const target = await repo.target(delivery);
    const attempts = delivery.attempts + 1;
    let attempt: Attempt;
    if (!target || !target.enabled) {
      attempt = fail(target ? 'target disabled' : 'target removed', false);
    } else {
      // Bot addresses carry their key and are sealed; webhook addresses are not. Secrets always are.
      const url = target.kind === 'webhook' ? target.url : box.open(target.url);
      const secret = target.secret ? box.open(target.secret) : null;
      if (url === null || (target.secret && secret === null)) {
        // Never send unsigned or to a garbled address: the credentials were sealed under another secret.
        attempt = fail('stored credentials cannot be opened (was AFTERCARE_SECRET changed?)', false);
      } else {
        const { allowPrivateTargets } = await repo.settings();
        attempt = await send(target.kind, url, secret, delivery, now, {
          allowPrivate: allowPrivateTargets,
          resolver: options.resolver,
          timeoutMs: options.timeoutMs,
        });
      }
    }
    result.sent += 1;
    let status: DeliveryStatus;
    if (attempt.error === null) status = 'succeeded';
    else if (attempt.retry && attempts < WEBHOOK_MAX_ATTEMPTS) status = 'retrying';
    else status = 'failed';
    if (status === 'succeeded') result.succeeded += 1;
    if (status === 'failed') result.failed += 1;
    const outcome: DeliveryOutcome = {
      status,
      attempts,
      nextAttemptAt: status === 'retrying' ? nextAttemptAt(now, attempts).toISOString() : null,
      lastAttemptAt: at,
      responseStatus: attempt.responseStatus,
      responseBody: attempt.responseBody,
      durationMs: attempt.durationMs,
      lastError: attempt.error,
    };
    await repo.record(delivery.id, outcome);
  }
  return result;
}

function fail(error: string, retry: boolean): Attempt {
  return { error, retry, responseStatus: null, responseBody: null, durationMs: null };
}

async function send(
  kind: 'webhook' | 'wecom' | 'dingtalk' | 'feishu',
  url: string,
  secret: string | null,
  delivery: { id: string; eventType: string; payload: string },
  now: Date,
  options: { allowPrivate: boolean; resolver?: Resolver | undefined; timeoutMs?: number | undefined },
): Promise<Attempt> {
  let target = url;
  let body: string;
  let headers: Record<string, string> = {};
  if (kind === 'webhook') {
    const timestamp = Math.floor(now.getTime() / 1000);
    body = delivery.payload;
    headers = {
      'x-aftercare-event': delivery.eventType,
      'x-aftercare-delivery': delivery.id,
      'x-aftercare-timestamp': String(timestamp),
      'x-aftercare-signature': webhookSignature(secret ?? '', timestamp, body),
    };
  } else {
    let message: BotMessage;
    try {
      message = JSON.parse(delivery.payload) as BotMessage;
    } catch {
      return fail('stored message is not JSON', false);
    }
    const req = botRequest(kind, url, secret, message, now);
    target = req.url;
    body = req.body;
  }
  try {
    const res = await safePost(target, body, {
      allowPrivate: options.allowPrivate,
      headers,
      resolver: options.resolver,
      timeoutMs: options.timeoutMs,
    });
    const excerpt = res.body.slice(0, EXCERPT);
    const base = { responseStatus: res.status, responseBody: excerpt, durationMs: res.durationMs };
    if (res.status >= 200 && res.status < 300) {
      const botError = kind === 'webhook' ? null : botReplyError(kind, res.body);
      return botError ? { ...base, error: botError, retry: true } : { ...base, error: null, retry: false };
    }
    if (res.status >= 300 && res.status < 400)
      return { ...base, error: `HTTP ${res.status}: redirects are not followed`, retry: false };
    const retry = res.status === 408 || res.status === 429 || res.status >= 500;
    return { ...base, error: `HTTP ${res.status}`, retry };
  } catch (err) {
    if (err instanceof TargetRefused) return fail(`refused: ${err.message}`, err.reason === 'unresolvable');
    return fail(err instanceof Error ? err.message : String(err), true);
  }
}
