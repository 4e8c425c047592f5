import type { FaultKind, FaultOptions } from './types.js';

/** mulberry32: tiny, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultDecision {
  kind?: FaultKind;
  latencyMs: number;
  retryAfterSeconds: number;
}

const NONE: FaultDecision = { latencyMs: 0, retryAfterSeconds: 1 };

/**
 * Decides, per request, whether to inject a fault. Deterministic: the PRNG is
 * drawn only for requests that match the filters, in arrival order, so the same
 * seed and the same request sequence give the same faults.
 */
export class FaultInjector {
  private options: FaultOptions | null = null;
  private random: () => number;
  private matched = 0;

  constructor(private readonly seed: number) {
    this.random = seededRandom(seed);
  }

  set(options: FaultOptions | null): void {
    this.options = options;
    this.matched = 0;
    this.random = seededRandom(this.seed);
  }

  decide(method: string, path: string, isGit: boolean): FaultDecision {
    const options = this.options;
    if (!options || !matches(options, method, path, isGit)) return NONE;
    this.matched += 1;
    const chosen = options.on?.includes(this.matched) || (options.rate !== undefined && this.random() < options.rate);
    const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : [500 as const];
    const kind = chosen ? kinds[Math.floor(this.random() * kinds.length)] : undefined;
    return { ...(kind !== undefined ? { kind } : {}), latencyMs: this.latency(options), retryAfterSeconds: options.retryAfterSeconds ?? 1 };
  }

  private latency(options: FaultOptions): number {
    const latency = options.latencyMs;
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return latency;
    return Math.round(latency.min + this.random() * (latency.max - latency.min));
  }
}

function matches(options: FaultOptions, method: string, path: string, isGit: boolean): boolean {
  if (isGit && !options.git) return false;
  if (options.method !== undefined) {
    const ok = typeof options.method === 'string' ? options.method.toUpperCase() === method.toUpperCase() : options.method.test(method);
    if (!ok) return false;
  }
  return options.path === undefined || options.path.test(path);
}
