/** The roles a token's `roles` claim may carry, least to most privileged. */
export const ROLES = ['customer', 'channel', 'csr', 'ops', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Every role: for routes anyone signed in may call (reading the catalog). */
export const ANY_ROLE: readonly Role[] = ROLES;
