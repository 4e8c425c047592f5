/* Generated from schemas/subscriptions.schema.json by scripts/generate-types.ts. Do not edit. */

/**
 * subscriptions.json: what a cousin repository takes from its upstream monorepo, and where it puts it.
 */
export type SubscriptionsFile = FeatureList | SubscriptionsObject;
/**
 * The plain array form: upstream feature paths, mirrored at the same path.
 */
export type FeatureList = string[];
/**
 * How upstream changes are brought in.
 */
export type Method = 'patch' | 'copy' | 'cherry-pick' | 'squash' | 'merge';

export interface SubscriptionsObject {
  $schema?: string;
  /**
   * The monorepo as owner/name; required to sync.
   */
  upstream?: string;
  method?: Method;
  /**
   * Either a list (paths or {path, to, method}) or a map from upstream path to destination folder.
   */
  subscriptions:
    | (string | SubscriptionEntry)[]
    | {
        [k: string]: string | Destination;
      };
  pullRequest?: PullRequestOptions;
  /**
   * Paths (or globs) of this repository that upstream content never writes or deletes without a conflict a person resolves. Always protected besides: .github/**, this subscriptions.json, .gitmodules and every .git* entry, in any case. Default: ["README.md", "LICENSE", "LICENSE.*"]; a list given here replaces the default.
   */
  protect?: string[];
  /**
   * A dispatch naming a commit older than this is rejected (default 30).
   */
  maxAgeDays?: number;
}
export interface SubscriptionEntry {
  path: string;
  /**
   * Destination folder in the cousin (default: the same path).
   */
  to?: string;
  method?: Method;
}
export interface Destination {
  to?: string;
  method?: Method;
}
export interface PullRequestOptions {
  labels?: string[];
  reviewers?: string[];
  assignees?: string[];
  branchPrefix?: string;
  draftOnConflict?: boolean;
}
