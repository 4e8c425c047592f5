import type { UserRecord } from '../state.js';

export interface Urls {
  api: string;
  web: string;
}

/** GitHub's `simple-user`. */
export function simpleUser(urls: Urls, user: UserRecord): Record<string, unknown> {
  // Bot logins end in "[bot]", which a URI may not hold unescaped (GitHub sends %5Bbot%5D).
  const path = encodeURIComponent(user.login);
  const api = `${urls.api}/users/${path}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId('U', user.id),
    avatar_url: `${urls.web}/avatars/${path}`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${path}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** Opaque global node ids, stable for a kind and numeric id. */
export function nodeId(kind: string, id: number): string {
  return Buffer.from(`${kind}_${id}`).toString('base64url');
}
