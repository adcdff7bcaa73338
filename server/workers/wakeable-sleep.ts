/**
 * A sleep that another part of the process can cut short: background workers sleep until their next
 * due item and wake early when new work arrives (`wake()`). A sleeping worker never keeps the process
 * alive on its own.
 */
export class WakeableSleep {
  private wakeUp: (() => void) | null = null;

  /** Resolves after `ms`, or as soon as `wake()` is called. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timeout = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      timeout.unref();
      this.wakeUp = () => {
        clearTimeout(timeout);
        this.wakeUp = null;
        resolve();
      };
    });
  }

  /** Ends the current sleep, if any. */
  wake(): void {
    this.wakeUp?.();
  }
}
