export { resolveAuth, secretsOf, type GitHubAuth, type TokenAuth, type AppAuth, type AuthFlags } from './auth.js';
export { apiUrlFrom, webUrlFromApiUrl, DEFAULT_API_URL } from './api-url.js';
export { createOctokit, type CreateOctokitOptions, type Octokit, type OctokitLog, type RetryEvent } from './octokit.js';
export { createWriteLimiter, resolveTiming, DEFAULT_TIMING, type ClientTiming, type WriteLimiter } from './timing.js';
export { RepoClients, type RepoClientsOptions } from './repo-clients.js';
export { explainGitHubError, type ErrorContext } from './explain-error.js';
export { maskSecrets, announceMasks, MASK, type MaskTarget } from './masking.js';
export { WriteBudget, parseWriteBudget, GITHUB_WRITE_BUDGET, POINTS_PER_MINUTE, WRITE_POINTS, type BudgetWindow, type WriteBudgetOptions } from './write-budget.js';
export { ConditionalCache, isPinnedToCommit, useConditionalRequests, type CachedAnswer, type CacheStats } from './conditional-cache.js';
