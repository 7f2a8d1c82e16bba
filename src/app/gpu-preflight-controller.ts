// Runs the WebGPU preflight for a page and keeps its result: the facts found and the verdict on them.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readGpuFacts } from '../engine/gpu-facts.ts';
import { decidePreflight, type GpuFacts, type PreflightVerdict } from '../engine/preflight.ts';

export type PreflightState =
  | { status: 'checking' }
  | { status: 'done'; facts: GpuFacts; verdict: PreflightVerdict };

export class GpuPreflightController implements ReactiveController {
  state: PreflightState = { status: 'checking' };

  private readonly host: ReactiveControllerHost;
  private readonly readFacts: () => Promise<GpuFacts>;
  /** Each check gets a number so that a slow, older check never overwrites a newer one. */
  private latestCheck = 0;

  constructor(host: ReactiveControllerHost, readFacts: () => Promise<GpuFacts> = () => readGpuFacts()) {
    this.host = host;
    this.readFacts = readFacts;
    host.addController(this);
  }

  hostConnected(): void {
    void this.check();
  }

  async check(): Promise<void> {
    const thisCheck = ++this.latestCheck;
    this.state = { status: 'checking' };
    this.host.requestUpdate();
    const facts = await this.readFacts();
    if (thisCheck !== this.latestCheck) return;
    this.state = { status: 'done', facts, verdict: decidePreflight(facts) };
    this.host.requestUpdate();
  }
}
