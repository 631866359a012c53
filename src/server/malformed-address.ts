// The answer to a path whose percent-encoding cannot be decoded (`/groups/%E0%A4%A`, a link cut
// off in the middle of an encoded character). Next.js cannot route such a path: its route matcher
// throws, and Next then looks for a pages-router error page this app does not have and answers a
// bare 500. Nor can the proxy hand it to the site's own 404 page: a rewrite to /_not-found works on
// `next start`, but with `-H 127.0.0.1` (the tests; a server behind nginx) Next proxies every
// middleware rewrite over the network to localhost, which fails (vercel/next.js#94745, open).
// So src/proxy.ts answers here: a 404 page of its own for people, a 400 in the API's format.
// No "server-only": the proxy imports it.

const MESSAGE =
  "This address is not valid: it has a % sign that does not start an encoded character. A link may have been cut short.";

/** Colours and type of src/app/globals.css, so the page looks like the site's own 404 page. */
const PAGE = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Page not found · Policy Commons</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;color:#1c2430;background:#fbfaf7}
header{background:#fff;border-bottom:1px solid #d6dbe3;padding:.75rem 1rem}
header a{color:#0a4542;font-weight:700;font-size:1.125rem;text-decoration:none}
main{max-width:36rem;margin:0 auto;padding:2rem 1rem;text-align:center}
h1{font-size:1.5rem;margin:0}
p{color:#4a5565;margin:.5rem 0 0}
main a{color:#0f5e5a;font-weight:500}
</style>
</head>
<body>
<header><a href="/">Policy Commons</a></header>
<main>
<h1>Page not found</h1>
<p>${MESSAGE}</p>
<p style="margin-top:1rem"><a href="/">Go to the home page</a></p>
</main>
</body>
</html>
`;

export function malformedAddressResponse(pathname: string): Response {
  if (pathname === "/api" || pathname.startsWith("/api/")) {
    return Response.json(
      { error: { code: "VALIDATION", message: MESSAGE } },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  return new Response(PAGE, {
    status: 404,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
