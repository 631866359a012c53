// How every production server process of this project is started (`npm start`, the test suite's
// servers, the bench), so that what is measured and tested is what runs.

/**
 * The V8 old-space limit of a server process, in MB. Without one, V8 lets the heap grow lazily
 * under load (a server's resident memory rose by about 40% over two identical bench passes, with
 * nothing leaking); with it, memory settles after warm-up at the same request rates. 384 MB leaves
 * room for the heaviest requests (PDF exports, data-export batches). An operator's own
 * --max-old-space-size in NODE_OPTIONS wins.
 */
export const SERVER_HEAP_MB = 384;

export function productionServerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const options = env.NODE_OPTIONS ?? "";
  return {
    ...env,
    NODE_ENV: "production",
    NODE_OPTIONS: /--max-old-space-size/.test(options)
      ? options
      : `${options} --max-old-space-size=${SERVER_HEAP_MB}`.trim(),
  };
}
