import { pairwise } from './pairwise.js';

/** Every ecosystem.json form a user can write for one cousin. */
export const FORMS = ['seed-array', 'folder', 'exact-file', 'star-glob', 'globstar', 'exclusion', 'batch-false', 'custom-event', 'disabled'] as const;
/** Where create-cousin puts the feature in the cousin. */
export const LAYOUTS = ['mirror', 'own-folder', 'root'] as const;
export const METHODS = ['patch', 'copy', 'cherry-pick', 'squash', 'merge'] as const;
/** How the monorepo side names the change: the push event through the dispatch workflow, or the CLI's selectors. */
export const SELECTORS = ['event-push', 'base-head-HEAD', 'files-from'] as const;

export type Form = (typeof FORMS)[number];
export type Layout = (typeof LAYOUTS)[number];
export type Selector = (typeof SELECTORS)[number];

export interface Cell {
  form: Form;
  layout: Layout;
  method: (typeof METHODS)[number];
  selector: Selector;
  /** The cousin repository of this cell, `acme/cell-N`. */
  cousin: string;
}

export const FEATURE = 'features/webpush/flask';
export const FEATURE_FILE = `${FEATURE}/app.py`;
export const CUSTOM_EVENT = 'mono-sync';

const FACTORS = { form: FORMS, layout: LAYOUTS, method: METHODS, selector: SELECTORS };

/**
 * The full product is 9 × 3 × 5 × 3 = 405 cells, too slow for every `npm test`: the suite
 * runs a pairwise selection (every pair of values of any two factors in some cell, 45
 * cells). `full: true` gives the whole product, for a run that has the time.
 */
export function matrixCells(options: { full?: boolean } = {}): Cell[] {
  const rows = options.full ? fullProduct() : pairwise(FACTORS);
  return rows.map((row, i) => ({ ...row, cousin: `acme/cell-${i + 1}` }));
}

function fullProduct(): Omit<Cell, 'cousin'>[] {
  return FORMS.flatMap((form) => LAYOUTS.flatMap((layout) => METHODS.flatMap((method) => SELECTORS.map((selector) => ({ form, layout, method, selector })))));
}

/** The ecosystem.json entry of a cell (the seed array's entries have only repo and subscriptions). */
export function ecosystemEntry(cell: Cell): Record<string, unknown> {
  const repo = cell.cousin;
  switch (cell.form) {
    case 'seed-array':
    case 'folder':
      return { repo, subscriptions: [FEATURE] };
    case 'exact-file':
      return { repo, subscriptions: [FEATURE_FILE] };
    case 'star-glob':
      return { repo, subscriptions: ['features/*/flask/*.py'] };
    case 'globstar':
      return { repo, subscriptions: ['features/*/flask/**'] };
    case 'exclusion':
      return { repo, subscriptions: [FEATURE, `!${FEATURE}/docs/**`] };
    case 'batch-false':
      return { repo, subscriptions: [FEATURE], batch: false };
    case 'custom-event':
      return { repo, subscriptions: [FEATURE], eventType: CUSTOM_EVENT };
    case 'disabled':
      return { repo, subscriptions: [FEATURE], enabled: false };
  }
}

/** What the cousin follows (create-cousin's `--subscribe PATH:DEST`), and where the changed file lands. */
export function cousinSubscription(cell: Cell): { specs: string[]; landsAt: string } {
  const isFile = cell.form === 'exact-file';
  const path = isFile ? FEATURE_FILE : FEATURE;
  const dest = { mirror: path, 'own-folder': isFile ? 'vendor/push/app.py' : 'vendor/push', root: isFile ? 'app.py' : './' }[cell.layout];
  const landsAt = isFile ? dest : `${dest === './' ? '' : `${dest}/`}app.py`;
  return { specs: [`${path}:${dest}`], landsAt };
}

/** A disabled cousin is planned, never sent: no dispatch, no PR. Every other cell ends in a PR. */
export function expectsPull(cell: Cell): boolean {
  return cell.form !== 'disabled';
}
