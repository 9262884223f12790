import type { FieldError } from '@aftercare/contracts';
import { fieldError } from '../../platform/http/errors.js';
import { checkTarget, parseTargetUrl, TargetRefused, type Resolver } from '../../platform/net/safe-http.js';

/**
 * Checks a target address when it is saved: its form (http/https, no credentials) and where it resolves to.
 * Loopback, private and link-local addresses are refused unless the workspace allows private targets. A host
 * that does not resolve now is accepted (DNS may be down); every send checks again before connecting.
 */
export async function targetUrlError(
  field: string,
  raw: string,
  allowPrivate: boolean,
  resolver?: Resolver,
): Promise<FieldError | null> {
  try {
    const url = parseTargetUrl(raw);
    await checkTarget(url, { allowPrivate, resolver });
    return null;
  } catch (err) {
    if (!(err instanceof TargetRefused)) throw err;
    if (err.reason === 'unresolvable') return null;
    if (err.reason === 'private_address') return fieldError(field, 'target_private_address');
    if (err.reason === 'scheme_not_allowed') return fieldError(field, 'target_scheme');
    if (err.reason === 'credentials_in_url') return fieldError(field, 'target_credentials');
    return fieldError(field, 'invalid_value');
  }
}

/** The normalised form of a URL as the WHATWG parser writes it (odd spellings of addresses made plain). */
export function normalisedUrl(raw: string): string {
  return new URL(raw.trim()).toString();
}
