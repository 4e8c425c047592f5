import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { notifyWebhook } from './notify-webhook.js';
import { delivered, failed, reportOf } from './test-support/reports.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

interface Received {
  method: string;
  url: string;
  contentType: string;
  body: unknown;
}

async function webhookServer(status = 200): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer(async (req: IncomingMessage, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    received.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: JSON.parse(text) });
    res.writeHead(status).end('ok');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secretpart`, received };
}

describe('notifyWebhook', () => {
  it('POSTs a JSON summary with a Slack-compatible text field when anything failed', async () => {
    const { url, received } = await webhookServer();
    const report = reportOf([delivered('acme/a'), failed('acme/b')]);
    expect(await notifyWebhook(url, report, 'https://github.com/acme/monorepo/actions/runs/9')).toBe(true);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/services/T000/B000/secretpart', contentType: 'application/json' });
    const body = received[0]!.body as Record<string, unknown>;
    expect(body.text).toMatch(/^Ecosystem dispatch from acme\/monorepo \(a{12}\): 1 cousin\(s\) not notified, 1 delivered\.\n• acme\/b: the repository does not exist/);
    expect(body.text).toContain('https://github.com/acme/monorepo/actions/runs/9');
    expect(body).toMatchObject({ source_repo: 'acme/monorepo', delivered: 1, failed: [{ repo: 'acme/b', features: ['features/a'] }], run_url: 'https://github.com/acme/monorepo/actions/runs/9' });
  });

  it('stays silent when everything was delivered', async () => {
    const { url, received } = await webhookServer();
    expect(await notifyWebhook(url, reportOf([delivered('acme/a')]), null)).toBe(false);
    expect(received).toEqual([]);
  });

  it('fails with the status, never with the URL, when the webhook refuses or cannot be reached', async () => {
    const { url } = await webhookServer(500);
    const refused = await notifyWebhook(url, reportOf([failed('acme/b')]), null).catch((e: Error) => e);
    expect(refused).toMatchObject({ message: 'notify webhook: the webhook answered HTTP 500', exitCode: 1 });
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const unreachable = await notifyWebhook(url, reportOf([failed('acme/b')]), null).catch((e: Error) => e);
    expect((unreachable as Error).message).toMatch(/^notify webhook: could not reach the webhook/);
    expect((unreachable as Error).message).not.toContain('secretpart');
  });
});
