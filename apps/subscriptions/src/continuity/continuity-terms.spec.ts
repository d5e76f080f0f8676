import { continuityView, linesOfStep, stepAfter, withProgramSteps, type ContinuityTerms } from './continuity-terms';

const terms = (afterLast: ContinuityTerms['afterLast'], count = 3): ContinuityTerms => ({
  programId: 'p-1', programVersion: 2, name: 'Three origins', afterLast,
  steps: Array.from({ length: count }, (_, i) => ({
    step: i + 1, lines: [{ lineId: `l-${i + 1}`, productId: `prod-${i + 1}`, sku: `SKU-${i + 1}`, quantity: 1, unitPriceMinor: 100 * (i + 1) }],
  })),
});
const enrolment = (afterLast: ContinuityTerms['afterLast'], ordered: number, status = 'active') => ({ programTerms: terms(afterLast), programStepsOrdered: ordered, status });

describe('continuity terms', () => {
  it('the next ordered cycle is the step after those ordered; past the last, none (end) or the last again (repeat-last)', () => {
    expect([0, 1, 2, 3, 7].map((ordered) => stepAfter(terms('end'), ordered))).toEqual([1, 2, 3, null, null]);
    expect([0, 2, 3, 7].map((ordered) => stepAfter(terms('repeat-last'), ordered))).toEqual([1, 3, 3, 3]);
  });

  it("a step's lines carry their line ids and agreed prices", () => {
    expect(linesOfStep(terms('end'), 2)).toEqual([{ id: 'l-2', productId: 'prod-2', sku: 'SKU-2', quantity: 1, unitPriceMinor: 200 }]);
  });

  it('previews steps: a skipped cycle uses up none, and with end the preview stops after the last step', () => {
    const cycles = [false, true, false, false, false].map((skipped, cycleIndex) => ({ cycleIndex, skipped }));
    expect(withProgramSteps(enrolment('end', 1), cycles).map((c) => [c.cycleIndex, c.step])).toEqual([[0, 2], [1, null], [2, 3]]);
    expect(withProgramSteps(enrolment('repeat-last', 1), cycles).map((c) => c.step)).toEqual([2, null, 3, 3, 3]);
    expect(withProgramSteps({ programTerms: null, programStepsOrdered: 0 }, cycles).map((c) => c.step)).toEqual([null, null, null, null, null]);
  });

  it('shows an enrolment with its next step, none once ended; nothing for an ordinary subscription', () => {
    expect(continuityView(enrolment('end', 1))).toEqual({
      programId: 'p-1', programVersion: 2, name: 'Three origins', afterLast: 'end', stepCount: 3, stepsOrdered: 1, nextStep: 2,
    });
    expect(continuityView(enrolment('repeat-last', 3, 'cancelled'))?.nextStep).toBeNull();
    expect(continuityView({ programTerms: null, programStepsOrdered: 0, status: 'active' })).toBeNull();
  });
});
