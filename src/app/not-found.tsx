import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl text-center">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-2 text-muted">The page may have moved, or you may not have access to it.</p>
      <p className="mt-4"><Link href="/" className="font-medium text-accent underline">Go to the home page</Link></p>
    </div>
  );
}
