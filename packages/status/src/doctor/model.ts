/** What doctor checks for each cousin, in the order it checks them. */
export type WiringCheck = 'reachable' | 'dispatch' | 'workflow' | 'subscriptions' | 'routing' | 'last-run';

/** One thing wired wrong, with what to do about it in plain words. */
export interface WiringFinding {
  check: WiringCheck;
  problem: string;
  fix: string;
}

export interface CousinWiring {
  cousin: string;
  eventType: string;
  /** `enabled: false` cousins are listed but not checked: the dispatcher never sends to them. */
  enabled: boolean;
  findings: WiringFinding[];
  /** Facts worth showing that are not problems (the last run's URL, an unverifiable permission). */
  notes: string[];
}

export interface DoctorReport {
  monorepo: string;
  generatedAt: string;
  cousins: CousinWiring[];
  /** How many findings, over all cousins. */
  findingCount: number;
}
