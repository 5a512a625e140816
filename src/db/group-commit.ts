/**
 * Group commit: items of concurrent requests wait in a queue and are committed together, one
 * transaction (one fsync) for many. A batch starts after the event loop's current I/O phase
 * (setImmediate), so the requests read from every ready connection join it: on PGlite, whose
 * statements run synchronously, a batch started at once would hold each request alone. On
 * PostgreSQL up to PG_FLIGHTS commits are in flight at once: while one waits for its fsync the
 * next is written.
 */
import type { Db } from './types.ts';

const PG_FLIGHTS = 3;
// A further commit starts beside one in flight only for this many waiting items: smaller
// batches would spend more per row on statements than the overlap saves.
const MIN_PARALLEL = 8;

export type GroupCommitOptions<T> = {
  /** Takes the next batch off the (non-empty) queue. */
  take(queue: T[]): T[];
  /** Stores a batch and answers each of its items, success or failure; never rejects. */
  commit(batch: T[]): Promise<void>;
  /** Called when nothing is queued or in flight any more. */
  idle?(): void;
};

export class GroupCommit<T> {
  private readonly queue: T[] = [];
  private flights = 0;
  private scheduled = false;
  private readonly maxFlights: number;

  constructor(db: Pick<Db, 'kind'>, private readonly o: GroupCommitOptions<T>) {
    // PGlite has one connection: a second commit would only wait for the first.
    this.maxFlights = db.kind === 'pglite' ? 1 : PG_FLIGHTS;
  }

  push(item: T): void {
    this.queue.push(item);
    this.schedule();
  }

  private ready(): boolean {
    return this.flights < this.maxFlights && this.queue.length > 0 && (this.flights === 0 || this.queue.length >= MIN_PARALLEL);
  }

  private schedule(): void {
    if (this.scheduled || !this.ready()) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.ready()) return;
      const batch = this.o.take(this.queue);
      this.flights++;
      void this.o.commit(batch).finally(() => {
        this.flights--;
        if (this.flights === 0 && this.queue.length === 0 && !this.scheduled) this.o.idle?.();
        else this.schedule();
      });
      // More arrived than one batch holds, or another flight is free: the next batch may start.
      this.schedule();
    });
  }
}
