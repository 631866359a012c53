// Runs one of the platform's periodic tasks now, in this process, and prints what it did: for an
// operator who will not wait for the clock (send the digests, sweep the outbox, close what is due),
// and for the e2e tests. The server's own schedule is untouched.
//   npm run task -- send-digests
//   npm run task -- sweep-outbox
import { PERIODIC_TASKS } from "../src/composition/jobs";
import { db } from "../src/server/db";

const name = process.argv[2];
const task = PERIODIC_TASKS.find((t) => t.name === name);
if (!task) {
  console.error(`Usage: npm run task -- <name>\nTasks: ${PERIODIC_TASKS.map((t) => t.name).join(", ")}`);
  process.exit(2);
}
try {
  console.log(JSON.stringify({ task: task.name, result: await task.run() }));
} finally {
  await db.$disconnect();
}
