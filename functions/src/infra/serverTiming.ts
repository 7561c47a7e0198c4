// Durations of a request's stages, answered as a standard Server-Timing header: browser devtools show
// it, and the submission benchmark uses it to say where the time goes.
export class Stages {
  private last = performance.now();
  private readonly spans: [string, number][] = [];

  /** Ends the stage running since the previous mark (or since construction) under `name`. */
  mark(name: string): void {
    const now = performance.now();
    this.spans.push([name, now - this.last]);
    this.last = now;
  }

  header(): string {
    return this.spans.map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`).join(', ');
  }
}
