import { createHash } from 'node:crypto';

/** A statement is prepared once its text has been sent this often: one-off texts stay unnamed. */
export const PREPARE_AFTER = 3;
/**
 * Distinct statements prepared at most, per process and so per connection: each one holds a parsed
 * statement (and later a cached plan) in every backend that ran it, so texts that vary without end (an
 * IN list of every length) must not grow a backend's memory without bound. Our services send a few
 * dozen distinct texts on their hot paths.
 */
export const MAX_PREPARED = 500;
/** Texts counted at most before the counts start over (the counts, not the names, would grow with one-off texts). */
const MAX_COUNTED = 10_000;

/**
 * Names the statements a process sends repeatedly, so pg prepares each once per connection and
 * PostgreSQL parses it once and, after five runs, may keep a generic plan: on the pipeline's hot paths
 * (multi-CTE INSERTs and UPDATEs) planning took as long as executing, and PostgreSQL's CPU per cycle
 * was about the services' own (bench:pipeline with pg_stat_statements.track_planning).
 * The name is a digest of the text, so every connection and every pool of the process agrees on it.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  /** The statement's name, or undefined while it is still sent unnamed (or for good, once retired). */
  nameFor(text: string): string | undefined {
    const known = this.names.get(text);
    if (known === RETIRED) return undefined;
    if (known !== undefined || this.names.size >= MAX_PREPARED) return known;
    const seen = (this.counts.get(text) ?? 0) + 1;
    if (seen < PREPARE_AFTER) {
      if (this.counts.size >= MAX_COUNTED) this.counts.clear();
      this.counts.set(text, seen);
      return undefined;
    }
    this.counts.delete(text);
    // 'oms_' + 27 characters: well inside PostgreSQL's 63-byte identifiers; sha1 here is a name, not a secret.
    const name = `oms_${createHash('sha1').update(text).digest('base64url')}`;
    this.names.set(text, name);
    return name;
  }

  /**
   * Sends a text unnamed from now on: its prepared form no longer works. A migration that adds a column
   * under a running service makes PostgreSQL refuse a prepared `SELECT *` ("cached plan must not change
   * result type") on every connection that prepared it, and a connection can lose a statement pg still
   * counts as prepared (PreparingPgClient's isStalePlan); unnamed, it is parsed afresh each time.
   */
  retire(text: string): void {
    this.names.set(text, RETIRED);
  }
}

const RETIRED = '';
