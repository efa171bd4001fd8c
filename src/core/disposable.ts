import type { Disposable } from './events';

/**
 * A base for classes that own disposables: whatever they `_register` is disposed with them,
 * newest first, once. A registration after `dispose()` is disposed at once, so nothing that
 * arrives late outlives its owner.
 */
export abstract class DisposableOwner implements Disposable {
  private readonly owned: Disposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected _register<T extends Disposable>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.owned.push(disposable);
    return disposable;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const disposable of this.owned.splice(0).reverse()) disposable.dispose();
  }
}

/** One disposable at a time: setting the next disposes the previous. */
export class SerialDisposable implements Disposable {
  private current: Disposable | undefined;

  set value(next: Disposable | undefined) {
    this.current?.dispose();
    this.current = next;
  }

  dispose(): void {
    this.value = undefined;
  }
}
