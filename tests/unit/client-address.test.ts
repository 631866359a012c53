import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  normaliseAddress,
  parseTrustProxy,
  rateLimitNetwork,
  resolveClientAddress,
  resolveForwardedProto,
} from "@/lib/client-address";
import { clientIp, UNVERIFIED_CLIENT } from "@/server/auth/client-ip";
import {
  CLIENT_ADDRESS_SEAL_HEADER,
  clientAddressHook,
  installClientAddressHook,
  rewriteForwardingHeaders,
} from "@/server/client-address-hook";

describe("TRUST_PROXY", () => {
  it("is a number of proxies; unset means none", () => {
    expect(parseTrustProxy(undefined)).toBe(0);
    expect(parseTrustProxy("")).toBe(0);
    expect(parseTrustProxy("0")).toBe(0);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy(" 2 ")).toBe(2);
    for (const bad of ["true", "yes", "-1", "1.5", "loopback", "10.0.0.0/8", "100"])
      expect(parseTrustProxy(bad), bad).toBeNull();
  });
});

describe("normaliseAddress", () => {
  it("accepts the forms proxies and Node write, in one canonical form", () => {
    expect(normaliseAddress("203.0.113.9")).toBe("203.0.113.9");
    expect(normaliseAddress(" 203.0.113.9:5123 ")).toBe("203.0.113.9");
    expect(normaliseAddress("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(normaliseAddress("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(normaliseAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("::1")).toBe("::1");
  });

  it("refuses what is not an address", () => {
    for (const bad of [
      "",
      "unknown",
      "999.1.1.1",
      "1.2.3",
      "evil.example",
      "2001:db8::1::2",
      "1.2.3.4, 5.6.7.8",
      "<script>",
      "_hidden",
      null,
      undefined,
    ]) {
      expect(normaliseAddress(bad), String(bad)).toBeNull();
    }
  });
});

describe("resolveClientAddress", () => {
  const socketAddress = "10.0.0.5";

  it("without trusted proxies believes only the socket, whatever X-Forwarded-For says", () => {
    for (const forwardedFor of [
      undefined,
      "198.51.100.1",
      "198.51.100.1, 198.51.100.2",
      ["198.51.100.1", "198.51.100.2"],
    ]) {
      expect(resolveClientAddress({ socketAddress, forwardedFor, hops: 0 })).toBe("10.0.0.5");
    }
  });

  it("with one trusted proxy believes the entry that proxy appended (the last), not what the client sent before it", () => {
    expect(resolveClientAddress({ socketAddress, forwardedFor: "203.0.113.7", hops: 1 })).toBe("203.0.113.7");
    expect(resolveClientAddress({ socketAddress, forwardedFor: "1.1.1.1, 2.2.2.2, 203.0.113.7", hops: 1 })).toBe(
      "203.0.113.7",
    );
    expect(resolveClientAddress({ socketAddress, forwardedFor: ["1.1.1.1", "203.0.113.7"], hops: 1 })).toBe(
      "203.0.113.7",
    );
  });

  it("with N trusted proxies counts N entries from the right, or takes the leftmost when there are fewer", () => {
    expect(resolveClientAddress({ socketAddress, forwardedFor: "1.1.1.1, 203.0.113.7, 10.0.0.9", hops: 2 })).toBe(
      "203.0.113.7",
    );
    expect(resolveClientAddress({ socketAddress, forwardedFor: "203.0.113.7", hops: 3 })).toBe("203.0.113.7");
  });

  it("falls back to the socket when there is no header or the believed entry is not an address", () => {
    expect(resolveClientAddress({ socketAddress, forwardedFor: undefined, hops: 1 })).toBe("10.0.0.5");
    expect(resolveClientAddress({ socketAddress, forwardedFor: "1.1.1.1, garbage", hops: 1 })).toBe("10.0.0.5");
  });
});

describe("resolveForwardedProto", () => {
  it("believes X-Forwarded-Proto only from a trusted proxy, counted like the addresses", () => {
    expect(resolveForwardedProto({ encrypted: false, forwardedProto: "https", hops: 0 })).toBe("http");
    expect(resolveForwardedProto({ encrypted: true, forwardedProto: undefined, hops: 0 })).toBe("https");
    expect(resolveForwardedProto({ encrypted: false, forwardedProto: "https", hops: 1 })).toBe("https");
    expect(resolveForwardedProto({ encrypted: false, forwardedProto: "https, http", hops: 1 })).toBe("http");
    expect(resolveForwardedProto({ encrypted: false, forwardedProto: "https, http", hops: 2 })).toBe("https");
    expect(resolveForwardedProto({ encrypted: false, forwardedProto: undefined, hops: 1 })).toBe("http");
  });
});

describe("rateLimitNetwork", () => {
  it("keeps IPv4 addresses and counts IPv6 by /64", () => {
    expect(rateLimitNetwork("203.0.113.9")).toBe("203.0.113.9");
    expect(rateLimitNetwork("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitNetwork("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(rateLimitNetwork("::1")).toBe("0:0:0:0::/64");
  });
});

describe("the server hook", () => {
  const servers: http.Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  /** A real HTTP server: what its request handler sees after the hook, for a request sent with `headers`. */
  async function seenBy(headers: Record<string, string>) {
    const server = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers });
    return (await response.json()) as Record<string, string>;
  }

  it("without it, a client-sent X-Forwarded-For is what the app sees, and clientIp refuses to believe it", async () => {
    expect(clientAddressHook()).toBeUndefined();
    const seen = await seenBy({ "x-forwarded-for": "198.51.100.77" });
    expect(seen["x-forwarded-for"]).toBe("198.51.100.77");
    expect(clientIp(new Headers(seen))).toBe(UNVERIFIED_CLIENT);
  });

  it("refuses to install with a TRUST_PROXY that is not a number of proxies", () => {
    vi.stubEnv("TRUST_PROXY", "true");
    expect(() => installClientAddressHook()).toThrow(/TRUST_PROXY must be the number of reverse proxies/);
    vi.unstubAllEnvs();
    expect(clientAddressHook()).toBeUndefined();
  });

  it("installed (TRUST_PROXY unset), replaces a forged X-Forwarded-For and X-Forwarded-Proto with the socket's, and seals them", async () => {
    vi.stubEnv("TRUST_PROXY", "");
    const state = installClientAddressHook();
    vi.unstubAllEnvs();
    expect(state.hops).toBe(0);
    expect(installClientAddressHook()).toBe(state); // once per process

    const seen = await seenBy({
      "x-forwarded-for": "198.51.100.77, 198.51.100.78",
      "x-forwarded-proto": "https",
      [CLIENT_ADDRESS_SEAL_HEADER]: "forged",
    });
    expect(seen["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen["x-forwarded-proto"]).toBe("http");
    expect(seen[CLIENT_ADDRESS_SEAL_HEADER]).toBe(state.seal);
    expect(clientIp(new Headers(seen))).toBe("127.0.0.1");

    // Headers that did not come through the hook (a forged or missing seal) are not believed.
    expect(clientIp(new Headers({ ...seen, [CLIENT_ADDRESS_SEAL_HEADER]: "forged" }))).toBe(UNVERIFIED_CLIENT);
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.77" }))).toBe(UNVERIFIED_CLIENT);
    expect(clientIp({ "x-forwarded-for": "2001:db8:1:2::99", [CLIENT_ADDRESS_SEAL_HEADER]: state.seal })).toBe(
      "2001:db8:1:2::/64",
    );
  });

  it("behind one trusted proxy believes the last hop only", async () => {
    const req = {
      socket: { remoteAddress: "10.0.0.2" },
      headers: { "x-forwarded-for": "198.51.100.77, 203.0.113.7", "x-forwarded-proto": "https" },
    } as unknown as http.IncomingMessage;
    rewriteForwardingHeaders(req, { seal: "s", hops: 1 });
    expect(req.headers).toEqual({
      "x-forwarded-for": "203.0.113.7",
      "x-forwarded-proto": "https",
      [CLIENT_ADDRESS_SEAL_HEADER]: "s",
    });
  });

  it("keeps only the first entry of a list in X-Forwarded-Host (next-auth failed with a 500 on a list)", () => {
    const req = (host: string) =>
      ({
        socket: { remoteAddress: "10.0.0.2" },
        headers: { "x-forwarded-host": host },
      }) as unknown as http.IncomingMessage;
    const listed = req("evil.example, localhost:3200");
    rewriteForwardingHeaders(listed, { seal: "s", hops: 0 });
    expect(listed.headers["x-forwarded-host"]).toBe("evil.example");
    const empty = req(" , localhost:3200");
    rewriteForwardingHeaders(empty, { seal: "s", hops: 0 });
    expect(empty.headers["x-forwarded-host"]).toBeUndefined();
    const single = req("commons.example");
    rewriteForwardingHeaders(single, { seal: "s", hops: 0 });
    expect(single.headers["x-forwarded-host"]).toBe("commons.example");
  });
});
