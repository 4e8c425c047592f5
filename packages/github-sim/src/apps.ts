import { createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import type { TokenStore } from './tokens.js';
import { expandPermissions, newTokenValue, normaliseRepos } from './tokens.js';
import type { SimState } from './state.js';
import type { InstallationSpec, SimApp } from './types.js';

export interface InstallationRecord {
  id: number;
  appId: number;
  account: string;
  repos: string[] | '*';
  permissions: ReturnType<typeof expandPermissions>;
  createdAt: string;
}

interface AppRecord {
  id: number;
  slug: string;
  publicKey: KeyObject;
  installations: InstallationRecord[];
  createdAt: string;
}

const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
// GitHub tolerates some clock drift and refuses JWTs valid for more than 10 minutes.
const CLOCK_SKEW_S = 60;
const MAX_JWT_LIFETIME_S = 10 * 60 + CLOCK_SKEW_S;

export class AppRegistry {
  private readonly apps = new Map<number, AppRecord>();
  private nextAppId = 100;

  constructor(
    private readonly state: SimState,
    private readonly tokens: TokenStore,
  ) {}

  create(installations: InstallationSpec[] = []): SimApp {
    this.nextAppId += 1;
    const id = this.nextAppId;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const createdAt = new Date().toISOString();
    const record: AppRecord = { id, slug: `sim-app-${id}`, publicKey: createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })), installations: [], createdAt };
    for (const spec of installations) {
      record.installations.push({
        id: this.state.newId(),
        appId: id,
        account: spec.account,
        repos: spec.repos,
        permissions: expandPermissions(spec.permissions),
        createdAt,
      });
    }
    this.apps.set(id, record);
    return {
      appId: id,
      slug: record.slug,
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      installations: record.installations.map((installation) => ({ id: installation.id, account: installation.account })),
    };
  }

  app(appId: number): AppRecord | undefined {
    return this.apps.get(appId);
  }

  appSlug(appId: number): string {
    return this.apps.get(appId)?.slug ?? `app-${appId}`;
  }

  /** RS256 JWT signed with the app's key, `iss` = app id, within its lifetime. */
  verifyJwt(jwt: string): number | undefined {
    const [headerPart, payloadPart, signaturePart] = jwt.split('.');
    if (!headerPart || !payloadPart || !signaturePart) return undefined;
    let header: { alg?: string };
    let payload: { iss?: unknown; iat?: number; exp?: number };
    try {
      header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (header.alg !== 'RS256') return undefined;
    const app = this.apps.get(Number(payload.iss));
    if (!app) return undefined;
    const signed = Buffer.from(`${headerPart}.${payloadPart}`);
    if (!verify('RSA-SHA256', signed, app.publicKey, Buffer.from(signaturePart, 'base64url'))) return undefined;
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') return undefined;
    if (payload.exp < now - CLOCK_SKEW_S || payload.iat > now + CLOCK_SKEW_S) return undefined;
    if (payload.exp - payload.iat > MAX_JWT_LIFETIME_S) return undefined;
    return app.id;
  }

  installationById(appId: number, installationId: number): InstallationRecord | undefined {
    return this.apps.get(appId)?.installations.find((installation) => installation.id === installationId);
  }

  /** The app's installation on the account, optionally one that covers the repo. */
  installationFor(appId: number, account: string, repo?: string): InstallationRecord | undefined {
    return this.apps.get(appId)?.installations.find((installation) => {
      if (installation.account.toLowerCase() !== account.toLowerCase()) return false;
      if (repo === undefined || installation.repos === '*') return true;
      return installation.repos.some((name) => name.toLowerCase() === repo.toLowerCase());
    });
  }

  createInstallationToken(installation: InstallationRecord, appSlug: string): { token: string; expiresAt: number } {
    const expiresAt = Date.now() + TOKEN_LIFETIME_MS;
    const token = this.tokens.add({
      value: newTokenValue('ghs'),
      kind: 'installation',
      login: `${appSlug}[bot]`,
      repos: normaliseRepos(installation.repos),
      account: installation.account.toLowerCase(),
      permissions: installation.permissions,
      expiresAt,
      installationId: installation.id,
    });
    return { token, expiresAt };
  }
}
