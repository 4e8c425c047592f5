import { Router } from '../router.js';
import { actionsRunRoutes } from './actions-runs.js';
import { appRoutes } from './apps.js';
import { commitCheckRoutes } from './commit-checks.js';
import { commitRoutes } from './commits.js';
import { contentRoutes } from './contents.js';
import { dispatchRoutes } from './dispatches.js';
import { gitRoutes } from './git.js';
import { gitTreeRoutes } from './git-trees.js';
import { issueRoutes } from './issues.js';
import { labelRoutes } from './labels.js';
import { metaRoutes } from './meta.js';
import { pullRoutes } from './pulls.js';
import { repoRoutes } from './repos.js';

export function buildRouter(): Router {
  const router = new Router();
  router.add(...repoRoutes, ...dispatchRoutes, ...gitRoutes, ...commitCheckRoutes, ...commitRoutes, ...contentRoutes, ...pullRoutes, ...issueRoutes, ...labelRoutes, ...appRoutes, ...metaRoutes, ...actionsRunRoutes, ...gitTreeRoutes);
  return router;
}
