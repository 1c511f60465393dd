import { type CompileResult, compilePolicy } from "@fleetdeck/tc";

/**
 * compilePolicy for 50 classes takes milliseconds, and a transaction compiles both the
 * new spec and the one in force (to recognise it in the snapshot), usually the spec it
 * compiled at the previous apply. A few results are kept, keyed by spec and interfaces.
 */
export class CompileCache {
  private readonly entries = new Map<string, CompileResult>();

  constructor(private readonly size = 4) {}

  compile(spec: unknown, interfaces: readonly string[]): CompileResult {
    const key = `${JSON.stringify(spec)}\n${interfaces.join(",")}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const result = compilePolicy(spec, { interfaces });
    this.entries.set(key, result);
    for (const old of this.entries.keys()) {
      if (this.entries.size <= this.size) break;
      this.entries.delete(old);
    }
    return result;
  }
}
