const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (polling every 50 ms), or fails naming `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5_000) {
  for (let waited = 0; waited < ms; waited += 50) {
    if (check()) return;
    await sleep(50);
  }
  throw new Error(`gave up waiting for ${what}`);
}
