import Link from "next/link";

type SettingsPage = "profile" | "email" | "notifications" | "security" | "data" | "account";

const ITEMS: { key: SettingsPage; href: string; label: string }[] = [
  { key: "profile", href: "/settings/profile", label: "Profile" },
  { key: "email", href: "/settings/email", label: "Email address" },
  { key: "notifications", href: "/settings/notifications", label: "Email preferences" },
  { key: "security", href: "/settings/security", label: "Security" },
  { key: "data", href: "/settings/data", label: "Your data" },
  { key: "account", href: "/settings/account", label: "Delete account" },
];

export function SettingsNav({ current }: { current: SettingsPage }) {
  return (
    <nav aria-label="Settings" className="mb-6">
      <ul className="flex flex-wrap gap-2">
        {ITEMS.map((item) => (
          <li key={item.key}>
            <Link
              href={item.href}
              aria-current={current === item.key ? "page" : undefined}
              className={`block rounded-md px-3 py-2 text-sm font-medium ${current === item.key ? "bg-accent text-white" : "hover:bg-accent-soft"}`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
