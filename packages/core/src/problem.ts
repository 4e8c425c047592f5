/** One finding of a check, positioned like a compiler message (1-based line and column). */
export interface Problem {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}
