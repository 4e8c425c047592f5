import { featureOfPath } from './glob-feature.js';
import { isPathWithin } from './paths.js';

/** Every glob holds one of these (see isGlobPattern): only a path holding one can lie within a glob's own text. */
const GLOB_CHARACTER = /[*?{(]/;

interface Column {
  /** Per path index, the index of its feature in `names`. */
  ids: Int32Array;
  names: string[];
}

/**
 * The concrete features of one match's paths (sorted, unique), worked out once per path and
 * folder depth instead of once per cousin and path: a wide glob such as
 * `features/*\/stack3/**` followed by hundreds of cousins would otherwise read the same path
 * strings again for each of them. Subscriptions hold path indexes; grouping compares
 * integers and only the final lists are strings.
 */
export class FeatureColumns {
  readonly #paths: readonly string[];
  readonly #columns = new Map<number, Column>();
  #holdsGlobCharacter: Uint8Array | undefined;

  constructor(paths: readonly string[]) {
    this.#paths = paths;
  }

  /** The paths at `indexes[start..end)`. */
  paths(indexes: readonly number[], start = 0, end = indexes.length): string[] {
    const out = new Array<string>(end - start);
    for (let i = start; i < end; i++) out[i - start] = this.#paths[indexes[i]!]!;
    return out;
  }

  /**
   * Calls `emit` with each concrete feature a glob's matched paths (indexes, ascending)
   * select, and that feature's paths. Sorted paths of one folder are contiguous, so each
   * feature is one run of the list. A path within the glob's own text (a folder literally
   * named `x/*`) is that name; a folder that comes back after such a path is emitted again,
   * for the caller to merge.
   */
  groupGlob(pattern: string, depth: number, indexes: readonly number[], emit: (name: string, files: string[]) => void): void {
    const { ids, names } = this.#column(depth);
    const literal = this.#holdsGlobCharacter ??= this.#markGlobCharacters();
    const groupOf = (index: number) => (literal[index] === 1 && isPathWithin(this.#paths[index]!, pattern) ? -1 : ids[index]!);
    let start = 0;
    let group = groupOf(indexes[0]!);
    for (let i = 1; i < indexes.length; i++) {
      const next = groupOf(indexes[i]!);
      if (next === group) continue;
      emit(group === -1 ? pattern : names[group]!, this.paths(indexes, start, i));
      start = i;
      group = next;
    }
    emit(group === -1 ? pattern : names[group]!, this.paths(indexes, start));
  }

  #column(depth: number): Column {
    let column = this.#columns.get(depth);
    if (column) return column;
    const ids = new Int32Array(this.#paths.length);
    const names: string[] = [];
    let name = '';
    // A name cut from a path holds `depth` segments and covers the paths under it; a shorter
    // path is its own name and says nothing about the paths below it (`y.md`, then `y.md/b/c`).
    let covers = false;
    this.#paths.forEach((path, i) => {
      if (!covers || !isPathWithin(path, name)) {
        names.push((name = featureOfPath(path, depth)));
        covers = name.length < path.length;
      }
      ids[i] = names.length - 1;
    });
    this.#columns.set(depth, (column = { ids, names }));
    return column;
  }

  #markGlobCharacters(): Uint8Array {
    const marks = new Uint8Array(this.#paths.length);
    this.#paths.forEach((path, i) => {
      if (GLOB_CHARACTER.test(path)) marks[i] = 1;
    });
    return marks;
  }
}
