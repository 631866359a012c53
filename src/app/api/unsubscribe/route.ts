import { type NextRequest, NextResponse } from "next/server";
import { applyUnsubscribe } from "@/features/notifications/preferences";
import { isAppError } from "@/server/errors";

// RFC 8058 one-click unsubscribe: a mail client POSTs "List-Unsubscribe=One-Click" to the address
// in the List-Unsubscribe header of our notification emails. The signed token in the address says
// whose email and which kind; it needs no cookie and no confirmation, so it is exempt from the
// cross-site check (src/proxy.ts). A GET changes nothing: it sends the reader to the page that asks.

export async function POST(request: NextRequest) {
  try {
    const topics = await applyUnsubscribe(request.nextUrl.searchParams.get("token"), "OFF");
    return NextResponse.json({ ok: true, unsubscribed: topics }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.message }, { status: 400 });
    throw error;
  }
}

export function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token") ?? "";
  return NextResponse.redirect(new URL(`/unsubscribe?token=${encodeURIComponent(token)}`, request.nextUrl), 303);
}
