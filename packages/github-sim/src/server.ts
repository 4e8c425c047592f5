import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PREFIX, delay, handleApi, type Pipeline } from './api-handler.js';
import { isGitPath, serveGit } from './git-http.js';

/** Routes every request to the REST pipeline or to git smart HTTP; binds 127.0.0.1 only. */
export async function listen(pipeline: Pipeline, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const work = dispatchRequest(pipeline, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `github-sim internal error: ${error instanceof Error ? error.message : String(error)}` }));
      } else res.destroy();
    });
    pipeline.core.events.track(work);
  });
  // Keep-alive sockets would hold close() open until they time out.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

async function dispatchRequest(pipeline: Pipeline, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) return handleApi(pipeline, req, res, url);
  if (isGitPath(url.pathname)) {
    const fault = pipeline.faults.decide(req.method ?? 'GET', url.pathname, true);
    await delay(fault.latencyMs);
    if (fault.kind === 'drop') return void res.socket?.destroy();
    if (typeof fault.kind === 'number') {
      res.writeHead(fault.kind, { 'content-type': 'text/plain' });
      return void res.end('Injected fault\n');
    }
    await serveGit(pipeline.core, req, res, url);
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }));
}
