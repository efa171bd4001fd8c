import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DisposableOwner, SerialDisposable } from '../../../src/core/disposable';

class Owner extends DisposableOwner {
  own(name: string, log: string[]): void {
    this._register({ dispose: () => log.push(name) });
  }
}

describe('DisposableOwner', () => {
  test('disposes what it registered, newest first, once', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.own('first', log);
    owner.own('second', log);
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['second', 'first']);
  });

  test('a registration after dispose() is disposed at once', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.own('late', log);
    assert.deepEqual(log, ['late']);
  });
});

describe('SerialDisposable', () => {
  test('setting the next disposes the previous; dispose() the last', () => {
    const log: string[] = [];
    const serial = new SerialDisposable();
    serial.value = { dispose: () => log.push('a') };
    serial.value = { dispose: () => log.push('b') };
    assert.deepEqual(log, ['a']);
    serial.dispose();
    assert.deepEqual(log, ['a', 'b']);
  });
});
