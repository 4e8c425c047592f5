/** One entry of `git diff --name-status`: A added, M modified, D deleted, R renamed, C copied, T type change. */
export interface ChangedFile {
  status: 'A' | 'M' | 'D' | 'R' | 'C' | 'T' | 'U' | 'X';
  path: string;
  /** The path before a rename or copy. */
  oldPath?: string;
}
