/**
 * Turns `?sort=name` / `?sort=-createdAt` into a whitelisted column. Unknown keys fall back to the default,
 * so user input never reaches SQL as an identifier.
 */
export function parseSort<K extends string, C extends string>(
  raw: string | undefined,
  allowed: Record<K, C>,
  fallback: { column: C; desc: boolean },
): { column: C; desc: boolean } {
  if (!raw) return fallback;
  const desc = raw.startsWith('-');
  const key = (desc ? raw.slice(1) : raw) as K;
  // Own keys only: `constructor`, `toString`… are on every object's prototype and are not columns.
  const column = Object.hasOwn(allowed, key) ? allowed[key] : undefined;
  return column ? { column, desc } : fallback;
}
