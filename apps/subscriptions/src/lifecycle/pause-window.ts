import type { Subscription } from '../generated/prisma/client';

/** Cycles due in [from, until) are skipped for a pause; `until` null: until resumed. */
export interface PauseWindow {
  from: Date;
  until: Date | null;
}

/** The subscription's pause, current, scheduled or past (a past one still settles cycles the job has not reached). */
export function pauseWindowOf(subscription: Pick<Subscription, 'status' | 'pausedFrom' | 'resumeAt'>): PauseWindow | null {
  if (subscription.pausedFrom) return { from: subscription.pausedFrom, until: subscription.resumeAt };
  // Paused before pauses had a start (out-of-stock pauses of older rows): paused from the beginning.
  return subscription.status === 'paused' ? { from: new Date(0), until: subscription.resumeAt } : null;
}

export function inPause(window: PauseWindow | null, dueAt: Date): boolean {
  return window !== null && dueAt >= window.from && (window.until === null || dueAt < window.until);
}

/** The pause as the API shows it: only while it is current or still to come. */
export function isPauseOpen(window: PauseWindow | null, now: Date): boolean {
  return window !== null && (window.until === null || window.until > now);
}
