/* Generated from schemas/ecosystem.schema.json by scripts/generate-types.ts. Do not edit. */

/**
 * ecosystem.json: the cousin repositories of a monorepo and the paths each one follows.
 */
export type EcosystemFile = CousinList | EcosystemObject;
/**
 * repository_dispatch event_type (GitHub allows 1 to 100 characters).
 */
export type EventType = string;
/**
 * The plain array form: one entry per cousin.
 */
export type CousinList = CousinEntry[];

export interface CousinEntry {
  /**
   * The cousin repository as owner/name.
   */
  repo: string;
  /**
   * Monorepo paths the cousin follows: directories, exact files or globs; a leading ! excludes.
   */
  subscriptions: string[];
  eventType?: EventType;
  /**
   * true (default): one dispatch per push; false: one dispatch per feature.
   */
  batch?: boolean;
  /**
   * false: the cousin is planned but never dispatched to.
   */
  enabled?: boolean;
  description?: string;
}
export interface EcosystemObject {
  $schema?: string;
  defaults?: CousinDefaults;
  cousins: CousinEntry[];
}
/**
 * Values every cousin gets unless it sets its own.
 */
export interface CousinDefaults {
  eventType?: EventType;
  batch?: boolean;
  enabled?: boolean;
  /**
   * Globs excluded from every cousin's matches, e.g. "** /*.md".
   */
  exclude?: string[];
}
