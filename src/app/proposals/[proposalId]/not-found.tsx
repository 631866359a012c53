import Link from "next/link";

export default function ProposalNotFound() {
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold">Proposal not found</h1>
      <p className="mt-2 text-muted">
        There is no such proposal, or it belongs to a group whose papers are for members only. If you were sent a link,
        check it is complete, or sign in with the account that is a member of the group.
      </p>
      <p className="mt-4">
        <Link href="/groups" className="font-medium text-accent underline">
          Browse groups
        </Link>
      </p>
    </div>
  );
}
