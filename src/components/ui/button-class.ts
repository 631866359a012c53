const base =
  "inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60 min-h-10";

const variants = {
  primary: "bg-accent text-white hover:bg-accent-dark",
  secondary: "border border-line bg-white text-ink hover:bg-accent-soft",
  danger: "bg-danger text-white hover:bg-red-900",
} as const;

export function buttonClass(variant: keyof typeof variants = "primary") {
  return `${base} ${variants[variant]}`;
}
