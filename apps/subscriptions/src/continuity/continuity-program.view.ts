import { frequencyLabel, type FrequencyUnit } from '@oms/contracts';
import type { ContinuityProgram, ContinuityProgramChange } from '../generated/prisma/client';
import type { ProgramStep } from './continuity-terms';

/** A program as the API returns it; each step with its total at the step's prices. */
export function toProgramResponse(program: ContinuityProgram) {
  const frequency = { unit: program.unit as FrequencyUnit, interval: program.interval };
  const steps = program.steps as unknown as ProgramStep[];
  return {
    programId: program.id,
    name: program.name,
    currency: program.currency,
    frequency: { ...frequency, label: frequencyLabel(frequency) },
    afterLast: program.afterLast,
    status: program.status,
    version: program.version,
    steps: steps.map((step) => ({
      step: step.step,
      lines: step.lines.map((line) => ({ ...line, lineTotalMinor: line.unitPriceMinor * line.quantity })),
      totalMinor: step.lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0),
    })),
    createdAt: program.createdAt.toISOString(),
    updatedAt: program.updatedAt.toISOString(),
  };
}

/** The definition a change-log row keeps, before and after. */
export function definitionOf(program: ContinuityProgram) {
  return {
    name: program.name, currency: program.currency, frequency: { unit: program.unit, interval: program.interval },
    afterLast: program.afterLast, status: program.status, version: program.version, steps: program.steps,
  };
}

export function toChangeResponse(change: ContinuityProgramChange) {
  return {
    version: change.version, action: change.action, actor: { sub: change.actorSub, role: change.actorRole }, at: change.at.toISOString(),
    before: change.before, after: change.after,
  };
}
