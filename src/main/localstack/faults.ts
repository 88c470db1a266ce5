/**
 * Fault injection for the local stack, so tests can make the network as bad as a hotel's.
 * Switchable by options (tests) or by the env variable PIXDROP_FAULTS, a JSON object such as
 * {"cloudinary":{"error500":0.15,"error420":0.05,"reset":0.05},"backend":{"error500":0.1,"duplicates":true}}.
 * Never active unless asked for.
 */
export interface FaultOptions {
  /** Probability (0..1) of answering 500 before doing any work. */
  error500?: number;
  /** Probability of answering 420 (Cloudinary's rate limit) with Retry-After: retryAfterSeconds. */
  error420?: number;
  /** Probability of answering 429 with Retry-After. */
  error429?: number;
  /** Probability of answering 422: a refusal of this very request (the client fails that file, the others go on). */
  error422?: number;
  retryAfterSeconds?: number;
  /** Probability of destroying the connection while the request body is still arriving. */
  reset?: number;
  /** Probability of doing the work, then destroying the connection instead of answering. */
  lostAnswer?: number;
  /** Probability of accepting the request and never answering. */
  hang?: number;
  /** Probability of answering 200 with a truncated, unparseable JSON body after doing the work. */
  malformed?: number;
  /** Milliseconds added before every answer. */
  latencyMs?: number;
  /**
   * Cloudinary only: milliseconds of processing before the answer of a whole upload (a plain upload or the last
   * chunk), as Cloudinary analyses an asset (faces, colours, phash) once it is complete, not at every chunk.
   */
  processingMs?: number;
  /** Seed for a repeatable sequence of decisions. */
  seed?: number;
  /** Album backend only: faults hit only requests with these HTTP methods (e.g. ['POST']); absent: all. */
  methods?: string[];
  /**
   * Album backend only: every registration makes a new record, as a backend that does not
   * deduplicate by Cloudinary public_id (contract §4 says clients must not rely on it).
   */
  duplicates?: boolean;
}

export type Fault = 'error500' | 'error420' | 'error429' | 'error422' | 'reset' | 'lostAnswer' | 'hang' | 'malformed';

const ORDER: Fault[] = ['error500', 'error420', 'error429', 'error422', 'reset', 'lostAnswer', 'hang', 'malformed'];

export interface FaultInjector {
  /** Decide the fault for one request (null: behave). */
  decide(): Fault | null;
  latencyMs(): number;
  processingMs(): number;
  retryAfterSeconds(): number;
  /** Whether a request with this HTTP method may be given a fault (FaultOptions.methods). */
  appliesTo(method: string): boolean;
  /** Whether registrations of one public_id make separate records (FaultOptions.duplicates). */
  keepsDuplicates(): boolean;
  set(options: FaultOptions): void;
  /** How many times each fault was injected. */
  counts(): Record<Fault, number>;
}

/** mulberry32: tiny, seedable, good enough to spread faults evenly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createFaultInjector(initial: FaultOptions = {}): FaultInjector {
  let options = initial;
  let random = seededRandom(initial.seed ?? Date.now());
  const counts = Object.fromEntries(ORDER.map((f) => [f, 0])) as Record<Fault, number>;
  return {
    decide() {
      const roll = random();
      let edge = 0;
      for (const fault of ORDER) {
        edge += options[fault] ?? 0;
        if (roll < edge) {
          counts[fault] += 1;
          return fault;
        }
      }
      return null;
    },
    latencyMs: () => options.latencyMs ?? 0,
    processingMs: () => options.processingMs ?? 0,
    retryAfterSeconds: () => options.retryAfterSeconds ?? 1,
    keepsDuplicates: () => options.duplicates === true,
    appliesTo: (method) => !options.methods || options.methods.includes(method.toUpperCase()),
    set(next) {
      options = next;
      if (next.seed !== undefined) random = seededRandom(next.seed);
    },
    counts: () => ({ ...counts }),
  };
}

/** Reads PIXDROP_FAULTS for one server ('cloudinary' or 'backend'); invalid JSON is an error, not silence. */
export function faultsFromEnv(server: 'cloudinary' | 'backend', env: NodeJS.ProcessEnv = process.env): FaultOptions {
  const raw = env.PIXDROP_FAULTS;
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('PIXDROP_FAULTS must be JSON, e.g. {"cloudinary":{"error500":0.1}}');
  }
  const section = (parsed as Record<string, unknown>)[server];
  return section && typeof section === 'object' ? (section as FaultOptions) : {};
}
