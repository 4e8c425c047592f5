import { existsSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

/**
 * The templates ship inside the package (copied from the top-level templates/ at
 * build); src/ and dist/ both sit one level below the package root.
 */
export const TEMPLATES_DIR = new URL('../templates/', import.meta.url);

export type TemplateName = 'sync-upstream.yml.hbs' | 'sync-upstream.standalone.yml.hbs' | 'readme-section.md.hbs';

const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();

/**
 * Renders one template. `strict` makes a missing context field an error instead of an
 * empty string; `noEscape` because the output is YAML and Markdown, not HTML.
 */
export function renderTemplate<Context extends object>(name: TemplateName, context: Context): string {
  let template = compiled.get(name);
  if (!template) {
    template = Handlebars.compile(readFileSync(new URL(name, TEMPLATES_DIR), 'utf8'), { strict: true, noEscape: true });
    compiled.set(name, template);
  }
  return template(context);
}

/** A third-party action pinned by commit, with the release it is. */
export interface ActionPin {
  sha: string;
  version: string;
}

/**
 * The pins of the project's own reusable workflows (extracted at build by
 * scripts/copy-templates.mjs), so a standalone cousin runs the same action commits.
 */
export function actionPin(action: string): ActionPin {
  const pins = JSON.parse(readFileSync(new URL('action-pins.json', TEMPLATES_DIR), 'utf8')) as Record<string, ActionPin>;
  const pin = pins[action];
  if (!pin) throw new Error(`no pinned commit for ${action} in the project's workflows (templates/action-pins.json)`);
  return pin;
}

/** The commit a release tag names, stamped into the package by the release build. */
export interface ReleasePin {
  tag: string;
  commit: string;
}

/** The stamped release of this package, when it was built as one (templates/release.json). */
export function stampedRelease(): ReleasePin | undefined {
  const file = new URL('release.json', TEMPLATES_DIR);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ReleasePin) : undefined;
}
