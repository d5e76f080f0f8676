// Domain errors of continuity programs. The controller maps them to HTTP (continuity-errors.filter.ts); nothing here
// knows about HTTP.

/** No program with this id. */
export class ProgramNotFoundError extends Error {
  constructor(readonly programId: string) {
    super(`continuity program ${programId} does not exist`);
  }
}

/** The program takes no new enrolments (it is retired). */
export class ProgramNotEnrollableError extends Error {
  constructor(
    readonly programId: string,
    readonly status: string,
  ) {
    super(`continuity program ${programId} is ${status}; it takes no new enrolments`);
  }
}

/** Well-formed input that breaks a rule, each problem naming its field (`steps.1.lines.0.productId`, `programId`, `body`). */
export class ProgramRejectedError extends Error {
  constructor(
    message: string,
    readonly problems: ReadonlyArray<{ field: string; message: string }>,
  ) {
    super(message);
  }
}
