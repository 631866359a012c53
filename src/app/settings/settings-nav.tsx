import Link from "next/link";

export function SettingsNav({ current }: { current: "profile" | "security" }) {
  const item = (key: "profile" | "security", href: string, label: string) => (
    <li>
      <Link
        href={href}
        aria-current={current === key ? "page" : undefined}
        className={`block rounded-md px-3 py-2 text-sm font-medium ${current === key ? "bg-accent text-white" : "hover:bg-accent-soft"}`}
      >
        {label}
      </Link>
    </li>
  );
  return (
    <nav aria-label="Settings" className="mb-6">
      <ul className="flex gap-2">
        {item("profile", "/settings/profile", "Profile")}
        {item("security", "/settings/security", "Password and sessions")}
      </ul>
    </nav>
  );
}
