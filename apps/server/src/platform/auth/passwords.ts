import { hash, verify } from '@node-rs/argon2';

export interface Argon2Cost {
  memoryCost: number;
  timeCost: number;
}

/** argon2id (the library's default algorithm) with OWASP's minimum cost unless configured higher. */
export function hashPassword(password: string, cost: Argon2Cost): Promise<string> {
  return hash(password, { memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
}

export async function verifyPassword(
  stored: string | null,
  password: string,
  cost: Argon2Cost,
): Promise<boolean> {
  if (!stored) {
    // Spend the same effort for unknown accounts so timing does not reveal which emails exist.
    await hashPassword(password, cost);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
