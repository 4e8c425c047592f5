/**
 * A TCP proxy that behaves like a network link: each direction delivers bytes no faster
 * than the bandwidth and half a round trip late. Loopback makes a clone nearly free; this
 * shows what the same bytes and round trips cost on a real link.
 */
import net from 'node:net';

export interface LinkModel {
  rttMs: number;
  bitsPerSecond: number;
}

export interface ThrottledLink {
  port: number;
  close(): Promise<void>;
}

/** One direction of the link: chunks leave in order, each at its own due time. */
function pace(from: net.Socket, to: net.Socket, model: LinkModel): void {
  const queue: Array<{ due: number; chunk: Buffer | null }> = [];
  let linkFreeAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const pump = () => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && queue[0]!.due <= now) {
      const { chunk } = queue.shift()!;
      if (chunk) to.write(chunk);
      else to.end();
    }
    if (queue.length > 0) timer = setTimeout(pump, Math.max(0, queue[0]!.due - now));
  };
  const enqueue = (chunk: Buffer | null) => {
    const now = performance.now();
    const start = Math.max(now + model.rttMs / 2, linkFreeAt);
    linkFreeAt = start + ((chunk?.length ?? 0) * 8 * 1000) / model.bitsPerSecond;
    queue.push({ due: linkFreeAt, chunk });
    timer ??= setTimeout(pump, Math.max(0, queue[0]!.due - now));
  };
  from.on('data', (chunk: Buffer) => enqueue(chunk));
  from.on('end', () => enqueue(null));
  from.on('error', () => to.destroy());
}

export async function startThrottledLink(targetPort: number, model: LinkModel): Promise<ThrottledLink> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    pace(client, upstream, model);
    pace(upstream, client, model);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
