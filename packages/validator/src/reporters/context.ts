/** What reporters may know besides the problems. */
export interface ReportContext {
  /** File texts, for code frames (pretty). */
  sources?: ReadonlyMap<string, string>;
  /** ANSI colour (pretty): the CLI turns it off for NO_COLOR or when stdout is not a terminal. */
  color?: boolean;
  /** For the summary line; defaults to the number of files with problems. */
  filesChecked?: number;
  /** Extra lines under the pretty output, e.g. that the path check was off. */
  notes?: readonly string[];
  /** Descriptions of rules that come from other checkers (workflow rules), for SARIF. */
  extraRules?: ReadonlyMap<string, string>;
  /** Warnings allowed before the run fails (json's `ok`); default unlimited. */
  maxWarnings?: number;
  /** Tool version shown in SARIF. */
  version?: string;
}
