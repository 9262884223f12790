import { fieldError, invalidFields } from './http/errors.js';

/**
 * Checks a new evaluation order (SLA policies, assignment rules): it must name every current item exactly once,
 * else a field error on `ids`. Returns the items whose 1-based position changes.
 */
export function positionChanges(
  current: ReadonlyArray<{ id: string; position: number }>,
  ids: readonly string[],
): Array<{ id: string; position: number }> {
  const positions = new Map(current.map((x) => [x.id, x.position]));
  const given = new Set(ids);
  if (given.size !== ids.length || given.size !== positions.size || ids.some((id) => !positions.has(id)))
    throw invalidFields([fieldError('ids', 'invalid_value')]);
  return ids.flatMap((id, i) => (positions.get(id) === i + 1 ? [] : [{ id, position: i + 1 }]));
}
