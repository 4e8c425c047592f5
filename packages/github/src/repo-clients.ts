import { GitHubError, parseRepoName, repoKey } from '@ecosystem-dispatcher/core';
import type { AppAuth, GitHubAuth } from './auth.js';
import { explainGitHubError } from './explain-error.js';
import { createOctokit, type CreateOctokitOptions, type Octokit } from './octokit.js';

export interface RepoClientsOptions extends Omit<CreateOctokitOptions, 'auth'> {
  /** Called with every credential obtained at run time (App installation tokens), to mask it. */
  onSecret?: (secret: string) => void;
}

/**
 * Hands out the client for a repository. A PAT serves every repository with one client.
 * A GitHub App gets one installation token per owner: the installation is looked up with
 * GET /repos/{owner}/{repo}/installation on the first repository of that owner and cached;
 * a failed lookup is not cached, because an installation limited to selected repositories
 * may still cover the owner's next repository.
 */
export class RepoClients {
  private tokenClient: Octokit | undefined;
  private appClient: Octokit | undefined;
  private readonly byOwner = new Map<string, Promise<Octokit>>();
  private login: Promise<string | undefined> | undefined;

  constructor(
    readonly auth: GitHubAuth,
    private readonly options: RepoClientsOptions = {},
  ) {}

  /** How many installation tokens were created (one per owner for an App). */
  get installationCount(): number {
    return this.byOwner.size;
  }

  async forRepo(repo: string): Promise<Octokit> {
    if (this.auth.kind === 'token') {
      this.tokenClient ??= createOctokit({ ...this.options, auth: this.auth });
      return this.tokenClient;
    }
    const owner = repoKey(parseRepoName(repo).owner);
    let client = this.byOwner.get(owner);
    if (!client) {
      client = this.installationClient(this.auth, repo);
      this.byOwner.set(owner, client);
      client.catch(() => this.byOwner.delete(owner));
    }
    return client;
  }

  /**
   * The login the clients act as: the PAT's user, or `<app-slug>[bot]` for an App (whose
   * installation tokens may not call GET /user). Undefined when GitHub will not say.
   */
  actorLogin(): Promise<string | undefined> {
    this.login ??= this.lookUpLogin();
    return this.login;
  }

  private async lookUpLogin(): Promise<string | undefined> {
    try {
      if (this.auth.kind === 'token') {
        this.tokenClient ??= createOctokit({ ...this.options, auth: this.auth });
        return (await this.tokenClient.request('GET /user')).data.login;
      }
      const { data } = await this.appOnlyClient(this.auth).request('GET /app');
      return data?.slug ? `${data.slug}[bot]` : undefined;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 401 || status === 403 || status === 404) return undefined;
      throw error;
    }
  }

  private appOnlyClient(auth: AppAuth): Octokit {
    this.appClient ??= createOctokit({ ...this.options, auth: { kind: 'app', appId: auth.appId, privateKey: auth.privateKey } });
    return this.appClient;
  }

  private async installationClient(auth: AppAuth, repo: string): Promise<Octokit> {
    const { owner, name } = parseRepoName(repo);
    let installationId: number;
    try {
      const { data } = await this.appOnlyClient(auth).request('GET /repos/{owner}/{repo}/installation', { owner, repo: name });
      installationId = data.id;
    } catch (error) {
      const status = (error as { status?: number }).status;
      const message = status === 404
        ? `${repo}: the GitHub App ${auth.appId} is not installed on ${owner} or not given access to this repository`
        : explainGitHubError(error, { repo, action: 'find the GitHub App installation' });
      throw new GitHubError(message, status, { cause: error });
    }
    const client = createOctokit({ ...this.options, auth: { ...auth, installationId } });
    // Fetch the token now, so it can be masked before anything could print it.
    const { token } = (await client.auth({ type: 'installation' })) as { token: string };
    this.options.onSecret?.(token);
    return client;
  }
}
