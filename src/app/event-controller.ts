// Listening to app objects from a Lit element for as long as it is connected.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `listener` for each `type` event of the given objects while the host is connected. The objects are read
 * again before each update: a page's context can arrive after it is connected (a lazily loaded element is upgraded
 * in place, and Lit applies properties set before the upgrade only at its first update).
 */
export class EventController implements ReactiveController {
  private sources: EventTarget[] = [];

  constructor(
    host: ReactiveControllerHost,
    private readonly sourcesOf: () => (EventTarget | undefined)[],
    private readonly type: string,
    private readonly listener: (event: Event) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    for (const source of this.sources) source.removeEventListener(this.type, this.listener);
    this.sources = [];
  }

  private follow(): void {
    const current = this.sourcesOf().filter((source): source is EventTarget => source !== undefined);
    if (current.length === this.sources.length && current.every((source, index) => source === this.sources[index])) return;
    this.hostDisconnected();
    this.sources = current;
    for (const source of current) source.addEventListener(this.type, this.listener);
  }
}
