/**
 * Task sizes: the task-level cpu and memory strings ECS accepts, parsed into units and MiB, and
 * the cpu/memory combinations Fargate offers. Validation (rules/fargate.ts, rules/task-limits.ts)
 * and conversion (convert/resources.ts) read them the same way.
 */
// Fargate task sizes: cpu units → allowed memory (MiB), from the ECS developer guide.
export const FARGATE: Record<number, number[]> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

/** "512, 1024 or 2048 MiB" for a short or uneven list, "2048–8192 MiB in steps of 1024" for a long even one. */
export function describeSizes(sizes: number[]): string {
  const step = (sizes[1] ?? 0) - (sizes[0] ?? 0);
  const even = sizes.length > 3 && sizes.every((v, i) => i === 0 || v - sizes[i - 1]! === step);
  if (even) return `${sizes[0]}–${sizes[sizes.length - 1]} MiB in steps of ${step}`;
  return `${sizes.length > 1 ? `${sizes.slice(0, -1).join(', ')} or ` : ''}${sizes[sizes.length - 1]} MiB`;
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** Task-level cpu: "256", "1 vCPU", "0.25 vcpu", "2 vCPUs" → cpu units. */
export function parseTaskCpu(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(vcpus?)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] ? Math.round(n * 1024) : n;
}

/** Task-level memory: "512", "2 GB", "0.5GB", "2GiB", "512 MiB" (the forms the schema accepts) → MiB. */
export function parseTaskMemory(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([gm])i?b)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2]?.toLowerCase() === 'g' ? Math.round(n * 1024) : n;
}
