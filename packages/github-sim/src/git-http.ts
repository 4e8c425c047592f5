import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error.js';
import { authorizeRepo, identify } from './auth.js';
import { gitEnv, ZERO_SHA } from './bare-repo.js';
import type { SimCore } from './context.js';
import { recordRefChange } from './ref-changes.js';
import { workflowRefusal } from './workflow-guard.js';
import { withRefLock, type RepoRecord } from './state.js';
import type { PushEvent } from './types.js';

const GIT_PATH = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;

export function isGitPath(pathname: string): boolean {
  return GIT_PATH.test(pathname);
}

/** Serves one smart-HTTP request through `git http-backend` after GitHub-style auth. */
export async function serveGit(core: SimCore, req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
  const [, owner, name, action] = GIT_PATH.exec(url.pathname)!;
  const service = action === 'info/refs' ? url.searchParams.get('service') : action;
  if (service !== 'git-upload-pack' && service !== 'git-receive-pack') return refuse(res, 403, 'Dumb HTTP is not served.\n');
  const writing = service === 'git-receive-pack';
  let repo: RepoRecord;
  let login: string | undefined;
  let anonymous = false;
  let refusal = '';
  try {
    const principal = identify(req.headers, core.tokens, core.apps);
    login = principal.login;
    refusal = workflowRefusal(principal);
    anonymous = principal.kind === 'anonymous';
    repo = authorizeRepo(principal, core.state.repo(`${owner}/${name}`), 'contents', writing ? 'write' : 'read');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Git over HTTP challenges a caller without credentials (401) where the API says 404,
    // so git sends the token it holds, as github.com does.
    return refuseFor(res, anonymous ? 401 : error.status, writing);
  }
  const changesRefs = action === 'git-receive-pack';
  const serve = async (): Promise<number> => {
    const before = changesRefs ? await refMap(repo) : undefined;
    const status = await runBackend(core, repo, req, res, url, action!, { login, refusal });
    // Ref bookkeeping happens before the response ends, so a client that saw its push
    // succeed also sees pulls and events that reflect it.
    if (before) await emitPushes(core, repo, before, login);
    if (!res.writableEnded) res.end();
    return status;
  };
  // Only a receive-pack POST changes refs; the advertisement needs no queue.
  return changesRefs ? withRefLock(repo, serve) : serve();
}

function refuseFor(res: ServerResponse, status: number, writing: boolean): number {
  if (status === 401) {
    // The challenge makes git send the credentials it holds (URL user:token, helper).
    res.setHeader('www-authenticate', 'Basic realm="GitHub"');
    return refuse(res, 401, 'Authentication required\n');
  }
  if (status === 403) return refuse(res, 403, writing ? 'Write access to repository not granted.\n' : 'Permission denied.\n');
  return refuse(res, 404, 'Repository not found.\n');
}

function refuse(res: ServerResponse, status: number, message: string): number {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(message);
  return status;
}

function runBackend(core: SimCore, repo: RepoRecord, req: IncomingMessage, res: ServerResponse, url: URL, action: string, caller: { login: string | undefined; refusal: string }): Promise<number> {
  const { login, refusal } = caller;
  // The hook runs only for callers it may refuse: no node start-up on other pushes.
  const guard: Record<string, string> = refusal ? { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.hooksPath', GIT_CONFIG_VALUE_0: core.hooksDir, GITHUB_SIM_WORKFLOW_REFUSAL: refusal } : {};
  const env = gitEnv({
    ...guard,
    GIT_PROJECT_ROOT: core.dataDir,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: `/${repo.owner}/${repo.name}.git/${action}`,
    REQUEST_METHOD: req.method ?? 'GET',
    QUERY_STRING: url.search.replace(/^\?/, ''),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    REMOTE_USER: login ?? '',
    GIT_PROTOCOL: headerValue(req.headers['git-protocol']),
    HTTP_CONTENT_ENCODING: headerValue(req.headers['content-encoding']),
    ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
  });
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    req.pipe(child.stdin);
    // An EPIPE here means git stopped reading early; its exit status tells the story.
    child.stdin.on('error', () => undefined);
    // A client that goes away must not leave git waiting for the rest of its body.
    res.on('close', () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    });
    let status = 200;
    forwardCgiOutput(child.stdout, res, (code) => (status = code));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && !res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`git http-backend failed: ${stderr}`);
        status = 500;
      }
      resolve(status);
    });
  });
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

/** CGI output is headers, a blank line, then the body; `Status:` sets the code. */
function forwardCgiOutput(stdout: NodeJS.ReadableStream, res: ServerResponse, onStatus: (status: number) => void): void {
  let head = Buffer.alloc(0);
  let headersDone = false;
  stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = findHeaderEnd(head);
    if (!end) return;
    headersDone = true;
    const headers: Record<string, string> = {};
    let status = 200;
    for (const line of head.subarray(0, end.index).toString('latin1').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon === -1) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'status') status = Number.parseInt(value, 10);
      else headers[key] = value;
    }
    onStatus(status);
    res.writeHead(status, headers);
    res.write(head.subarray(end.index + end.length));
  });
}

function findHeaderEnd(buffer: Buffer): { index: number; length: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  if (crlf !== -1) return { index: crlf, length: 4 };
  const lf = buffer.indexOf('\n\n');
  return lf === -1 ? undefined : { index: lf, length: 2 };
}

async function refMap(repo: RepoRecord): Promise<Map<string, string>> {
  return new Map((await repo.git.listRefs('refs/')).map((entry) => [entry.ref, entry.sha]));
}

async function emitPushes(core: SimCore, repo: RepoRecord, before: Map<string, string>, pusher: string | undefined): Promise<void> {
  const after = await refMap(repo);
  const refs = new Set([...before.keys(), ...after.keys()]);
  for (const ref of [...refs].sort()) {
    const old = before.get(ref) ?? ZERO_SHA;
    const now = after.get(ref) ?? ZERO_SHA;
    if (old === now) continue;
    const event: PushEvent = { repo: repo.fullName, ref, before: old, after: now, ...(pusher ? { pusher } : {}) };
    recordRefChange(core, repo, event, (emit) => emit());
  }
}
