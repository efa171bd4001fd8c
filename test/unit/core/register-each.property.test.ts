import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { registerEach, type RegistrationPart } from '../../../src/core/register-each';

/** A part that registers `count` disposables (one bare, or a list), starts something, or throws. */
const partShapes = fc.oneof(
  fc.record({ kind: fc.constant('one' as const) }),
  fc.record({ kind: fc.constant('list' as const), count: fc.nat(3) }),
  fc.record({ kind: fc.constant('starts' as const) }),
  fc.record({ kind: fc.constant('throws' as const) }),
);

describe('registerEach', () => {
  test('property: every part that registers is kept, in order; each that throws is reported once by name; none is skipped', () => {
    fc.assert(
      fc.property(fc.array(partShapes, { maxLength: 30 }), (shapes) => {
        const ran: string[] = [];
        const expected: string[] = [];
        const parts: RegistrationPart[] = shapes.map((shape, index) => {
          const name = `part ${index}`;
          const disposable = (n: number) => ({ id: `${name}/${n}`, dispose: () => undefined });
          return {
            name,
            register: () => {
              ran.push(name);
              switch (shape.kind) {
                case 'one':
                  return disposable(0);
                case 'list':
                  return Array.from({ length: shape.count }, (_, n) => disposable(n));
                case 'starts':
                  return undefined;
                case 'throws':
                  throw new Error(`${name} refused`);
              }
            },
          };
        });
        shapes.forEach((shape, index) => {
          if (shape.kind === 'one') expected.push(`part ${index}/0`);
          if (shape.kind === 'list') for (let n = 0; n < shape.count; n++) expected.push(`part ${index}/${n}`);
        });
        const failures: Array<[string, string]> = [];
        const registered = registerEach(parts, (name, error) => failures.push([name, (error as Error).message]));
        assert.deepEqual(ran, parts.map((part) => part.name), 'every part was tried, in order');
        assert.deepEqual(registered.map((d) => (d as unknown as { id: string }).id), expected);
        assert.deepEqual(
          failures,
          shapes.flatMap((shape, index) => (shape.kind === 'throws' ? [[`part ${index}`, `part ${index} refused`]] : [])),
        );
      }),
      { numRuns: 2_000 },
    );
  });
});
