// Runs before every integration test file. Integration tests use a real PostgreSQL; `npm test`
// creates a throwaway one and passes it in DATABASE_URL.
if (!process.env.DATABASE_URL) {
  throw new Error(
    "Integration tests need a disposable PostgreSQL database in DATABASE_URL (its tables get truncated). " +
      "Run them through `npm test -- --integration`, which starts one.",
  );
}
