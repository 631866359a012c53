// The Prisma driver adapter for PostgreSQL, with one change: a transaction sends its queries one at
// a time. No "server-only": the demo seed and scripts build their clients with it too.
//
// A transaction is one pg connection, and pg deprecates (and pg 9 refuses) a second query on a
// connection that is still busy with one. Our own code awaits every query in a transaction in turn,
// but Prisma's query interpreter fetches the relations of one read in parallel (`Promise.all` over
// a join's children, prisma/orm PR #29468, open), so a `select` with two relations inside
// `$transaction` would still overlap. Queuing here fixes that for every query, ours and Prisma's,
// and costs nothing: one connection could not run them at the same time anyway.
import { PrismaPg } from "@prisma/adapter-pg";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** The methods of a transaction that talk to its connection. */
const IO_METHODS = new Set<PropertyKey>([
  "queryRaw",
  "executeRaw",
  "createSavepoint",
  "rollbackToSavepoint",
  "releaseSavepoint",
  "commit",
  "rollback",
]);

/**
 * The transaction, with its I/O methods queued behind each other. Methods run on the real object,
 * so one that calls another internally (createSavepoint -> executeRaw) does not wait for itself.
 */
export function oneQueryAtATime<T extends object>(target: T): T {
  let tail: Promise<unknown> = Promise.resolve();
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      if (!IO_METHODS.has(property)) return value.bind(object);
      return (...args: unknown[]) => {
        const run = tail.then(() => value.apply(object, args));
        tail = run.then(
          () => undefined,
          () => undefined,
        );
        return run;
      };
    },
  });
}

/** PrismaPg whose transactions queue their queries (see above). Same constructor arguments. */
export class SerialisedPrismaPg extends PrismaPg {
  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel): Promise<Transaction> =>
      oneQueryAtATime(await start(isolationLevel));
    return adapter;
  }
}
