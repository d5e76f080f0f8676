import type { OrderDueContinuityV1 } from '@oms/contracts';

/** What follows a program's last step: the subscription ends, or keeps shipping the last step. */
export const AFTER_LAST = ['end', 'repeat-last'] as const;
export type AfterLast = (typeof AFTER_LAST)[number];

/** One item of a program step, at the step's agreed unit price (minor units of the program's currency). */
export interface ProgramStepLine {
  productId: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface ProgramStep {
  /** 1-based. */
  step: number;
  lines: ProgramStepLine[];
}

/**
 * A program's steps as one enrolment keeps them (stored on the subscription): each line gets a stable line id, so a
 * cycle's order lines name it like any subscription line. Step 1's lines are the subscription's own lines.
 */
export interface ContinuityTerms {
  programId: string;
  programVersion: number;
  name: string;
  afterLast: AfterLast;
  steps: Array<{ step: number; lines: Array<ProgramStepLine & { lineId: string }> }>;
}

/** A line of one cycle's order: a subscription line, or a program step's line with its agreed price. */
export interface CycleLine {
  id: string;
  productId: string;
  sku: string;
  quantity: number;
  unitPriceMinor?: number;
}

/** The stored terms of an enrolment, or null for an ordinary subscription. */
export function termsOf(subscription: { programTerms: unknown }): ContinuityTerms | null {
  return (subscription.programTerms as ContinuityTerms | null) ?? null;
}

/**
 * The step the next ordered cycle is, after `ordered` steps were ordered: step ordered+1; past the last step the
 * last one again (repeat-last) or none (end: the program is complete).
 */
export function stepAfter(terms: ContinuityTerms, ordered: number): number | null {
  const count = terms.steps.length;
  if (ordered < count) return ordered + 1;
  return terms.afterLast === 'repeat-last' ? count : null;
}

/** The lines of one step, as the cycle's order will carry them. */
export function linesOfStep(terms: ContinuityTerms, step: number): CycleLine[] {
  return terms.steps[step - 1]!.lines.map((line) => ({
    id: line.lineId, productId: line.productId, sku: line.sku, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor,
  }));
}

/** The due-order event's typed continuity facts for one step. */
export function continuityFacts(terms: ContinuityTerms, step: number): OrderDueContinuityV1 {
  return { programId: terms.programId, programVersion: terms.programVersion, step, stepCount: terms.steps.length };
}

/** The enrolment as the subscription API shows it; null for an ordinary subscription. */
export function continuityView(subscription: { programTerms: unknown; programStepsOrdered: number; status: string }) {
  const terms = termsOf(subscription);
  if (!terms) return null;
  const next = stepAfter(terms, subscription.programStepsOrdered);
  return {
    programId: terms.programId, programVersion: terms.programVersion, name: terms.name, afterLast: terms.afterLast,
    stepCount: terms.steps.length, stepsOrdered: subscription.programStepsOrdered,
    nextStep: ['ended', 'cancelled'].includes(subscription.status) ? null : next,
  };
}

/**
 * Previewed cycles with the program step each will ship (null: skipped, or an ordinary subscription). A skipped cycle
 * uses up no step; with `end` the preview stops after the last step.
 */
export function withProgramSteps<T extends { skipped: boolean }>(
  subscription: { programTerms: unknown; programStepsOrdered: number },
  cycles: T[],
): Array<T & { step: number | null }> {
  const terms = termsOf(subscription);
  if (!terms) return cycles.map((cycle) => ({ ...cycle, step: null }));
  const stepped: Array<T & { step: number | null }> = [];
  let ordered = subscription.programStepsOrdered;
  for (const cycle of cycles) {
    const step = cycle.skipped ? null : stepAfter(terms, ordered);
    if (!cycle.skipped && step === null) break;
    if (step !== null) ordered += 1;
    stepped.push({ ...cycle, step });
  }
  return stepped;
}
