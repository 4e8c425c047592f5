// Apart from the command, so `ecosystem sync --help` prints it without loading the sync
// machinery (Octokit and the rest: about 650 KB of bundled code).
export const SYNC_HELP = `Usage: ecosystem sync [options]

Brings a monorepo feature's changes into this cousin: verifies the dispatch, fetches
only the subscribed paths, merges 3-way, and opens or updates one pull request per
feature (branch ecosystem/sync/<feature>). Commits carry Upstream-Repo,
Upstream-Commit and Upstream-Feature trailers.

What to sync (one of):
  --payload FILE          the repository_dispatch event JSON, or its client_payload
                          (default: $GITHUB_EVENT_PATH)
  --feature PATH          pull mode: sync one subscribed feature by hand
    --to SHA|latest       the upstream commit (default latest)
    --allow-rollback      let --to name a commit that is not after the last sync
                          (a dispatch never can: it is refused as a rollback)
    --no-pr               leave the commit on a local branch; no push, no pull request
    --payload-feature PATH  sync only this one of the payload's features (the
                          workflows run one job per feature; "" means all of them)
  --all                   catch up (a scheduled run): every subscribed feature to the
                          upstream's latest commit, asked conditionally; the same 3-way
                          sync, baseline and rollback refusal as a dispatch
  --report-closed         the event is a sync pull request closed without merging:
                          report it on the monorepo's issue for this cousin and feature
  --collect-results DIR   no sync: merge the --results files under DIR (one per
                          workflow job) into the step outputs below; with
                          --payload-feature, only that feature's
Options:
  --config FILE           subscriptions.json (default: <repo-dir>/subscriptions.json)
  --repo-dir DIR          the cousin checkout; its origin is the cousin (default .)
  --api-url URL           GitHub REST API (default $GITHUB_API_URL, else api.github.com)
  --upstream-url URL      clone URL of the monorepo (default: the API's clone_url)
  --dry-run               verify and print what would happen; write nothing
  --no-notify             on failure, do not open or update the monorepo issue
  --cache FILE            keep GitHub's answers (ETags) in FILE between runs: reads that
                          did not change are asked conditionally and cost no rate-limit
                          budget (pays off with a token that stays the same, a PAT)
  --results DIR           also write what happened to each feature's pull request to
                          DIR/<run attempt>-<feature>.json, on failure too (operation
                          none); the step output results-key names that file
  -h, --help              this help
Environment:
  ECOSYSTEM_TOKEN or GITHUB_TOKEN (or ECOSYSTEM_APP_ID + ECOSYSTEM_APP_PRIVATE_KEY),
  GITHUB_REPOSITORY (the cousin), GITHUB_SERVER_URL and GITHUB_RUN_ID (run link),
  ECOSYSTEM_SECOND_MS (ms per GitHub second when pacing requests; default 1000, only
  rehearsals against github-sim shrink it).
  In Actions, $GITHUB_OUTPUT gets JSON lists, one entry per feature: features,
  pull-request-number, pull-request-url and pull-request-operation (created, updated,
  closed or none), as create-pull-request names them.
Exit codes: 0 synced or nothing to do (stale or already synced), 1 rejected or failed,
2 usage or I/O error.
`;
