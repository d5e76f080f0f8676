/** How long past its promised ship time an unshipped order is told late, and cancelled. */
export interface LateThreshold {
  /** Minutes past promisedShipBy before the customer is told the order is late (once). */
  noticeAfterMinutes: number;
  /** Minutes past promisedShipBy before the order is cancelled (more than noticeAfterMinutes). */
  cancelAfterMinutes: number;
}

/** A threshold for one channel, one delivery mode, or one channel's delivery mode (at least one of the two). */
export interface LateThresholdRule extends LateThreshold {
  channel?: string;
  deliveryMode?: string;
}

export interface LateOrderSettings {
  /** For orders no rule matches. */
  defaults: LateThreshold;
  rules: LateThresholdRule[];
}

/** A day late: the customer hears of it; five days late: the order is cancelled. */
export const DEFAULT_LATE_THRESHOLD: LateThreshold = { noticeAfterMinutes: 1440, cancelAfterMinutes: 7200 };

/** A rule's identity: two rules with the same channel and delivery mode would contradict each other. */
export const ruleScope = (rule: Pick<LateThresholdRule, 'channel' | 'deliveryMode'>): string => `${rule.channel ?? '*'}/${rule.deliveryMode ?? '*'}`;

/**
 * The threshold of an order: the rule naming both its channel and its delivery
 * mode, else the rule naming its channel only, else the one naming its mode
 * only, else the defaults.
 */
export function thresholdFor(settings: LateOrderSettings, channel: string, deliveryMode: string): LateThreshold {
  const candidates = [
    (r: LateThresholdRule) => r.channel === channel && r.deliveryMode === deliveryMode,
    (r: LateThresholdRule) => r.channel === channel && r.deliveryMode === undefined,
    (r: LateThresholdRule) => r.channel === undefined && r.deliveryMode === deliveryMode,
  ];
  for (const matches of candidates) {
    const rule = settings.rules.find(matches);
    if (rule) return { noticeAfterMinutes: rule.noticeAfterMinutes, cancelAfterMinutes: rule.cancelAfterMinutes };
  }
  return settings.defaults;
}

/** The smallest notice and cancel thresholds of any order: what the watchdog's query can rule out without reading the rules. */
export function smallestThresholds(settings: LateOrderSettings): LateThreshold {
  const all = [settings.defaults, ...settings.rules];
  return {
    noticeAfterMinutes: Math.min(...all.map((t) => t.noticeAfterMinutes)),
    cancelAfterMinutes: Math.min(...all.map((t) => t.cancelAfterMinutes)),
  };
}

export type LateStep = 'cancel' | 'notice' | 'none';

/** What the watchdog does with an unshipped order `overdueMs` past its promised ship time. */
export function lateStep(threshold: LateThreshold, overdueMs: number, alreadyNoticed: boolean): LateStep {
  const minutes = overdueMs / 60_000;
  if (minutes >= threshold.cancelAfterMinutes) return 'cancel';
  if (minutes >= threshold.noticeAfterMinutes && !alreadyNoticed) return 'notice';
  return 'none';
}

/** Minutes for people: `2 d`, `12 h`, `90 min`. */
export function describeMinutes(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes > 0 && minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}
