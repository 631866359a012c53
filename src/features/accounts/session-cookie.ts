import "server-only";
import { cookies } from "next/headers";

/** The account's sessions are gone from the database already; this also drops the cookie from this browser. */
export async function forgetSessionCookie() {
  const jar = await cookies();
  for (const { name } of jar.getAll()) {
    if (name.includes("next-auth.session-token"))
      jar.set(name, "", {
        maxAge: 0,
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: name.startsWith("__Secure-"),
      });
  }
}
