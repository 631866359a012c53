// The one listening connection of a server process (src/server/db-notices.ts) must notice when it
// stops hearing PostgreSQL, even when the connection hangs without closing (a stalled server, a
// firewall dropping an idle socket): the caches then keep and serve nothing. Here a TCP relay
// between it and PostgreSQL is frozen, then refuses connections, then lets them through again.
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { listenForNotices } from "@/server/db-notices";
import { until } from "./helpers/until";

const target = new URL(process.env.DATABASE_URL!);
const sockets = new Set<net.Socket>();
let frozen = false;
const relay = net.createServer((client) => {
  const upstream = net.connect(Number(target.port || 5432), target.hostname);
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  }
  client.on("data", (chunk) => frozen || upstream.write(chunk));
  upstream.on("data", (chunk) => frozen || client.write(chunk));
  client.on("close", () => upstream.destroy());
  upstream.on("close", () => client.destroy());
});
let relayPort = 0;
const relayUrl = async () => {
  await new Promise<void>((resolve) => relay.listen(relayPort, "127.0.0.1", resolve));
  relayPort = (relay.address() as net.AddressInfo).port;
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String(relayPort);
  return url.toString();
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const states: boolean[] = [];
const errors: string[] = [];
const infos: string[] = [];
let listener: { stop: () => Promise<void> } | undefined;

afterAll(async () => {
  await listener?.stop();
  for (const socket of sockets) socket.destroy();
  relay.close();
});

describe("the listening connection", () => {
  it("notices a connection that hangs, says so once per outage, and listens again when it can", async () => {
    listener = listenForNotices(
      [{ channel: "probe_channel", onNotice: () => {}, onListening: (on) => states.push(on) }],
      await relayUrl(),
      { info: (message) => infos.push(message), error: (message) => errors.push(message) },
    );
    await until(() => states.at(-1) === true, "the listener to connect");

    frozen = true; // nothing passes either way, and nothing closes
    await until(() => states.at(-1) === false, "the frozen connection to be noticed", 15_000);
    expect(errors).toHaveLength(1);

    // While PostgreSQL cannot be reached, the retries fail quietly.
    for (const socket of sockets) socket.destroy();
    relay.close();
    await sleep(2_000);
    expect(errors).toHaveLength(1);
    expect(states.at(-1)).toBe(false);

    frozen = false;
    await relayUrl(); // the same address again
    await until(() => states.at(-1) === true, "the listener to connect again", 40_000);
    expect(infos.some((m) => m.includes("listening again"))).toBe(true);
    expect(errors).toHaveLength(1);
  }, 60_000);
});
