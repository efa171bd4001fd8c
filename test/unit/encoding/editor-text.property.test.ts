import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { literalIcons, literalInMessage, literalMarkdown } from '../../../src/core/encoding/editor-text';

/*
 * The editor's own rules, as its workbench (code-server 4.x, VS Code 1.10x) spells them:
 * icon labels draw `(\\)?\$\((name(~modifier)?)\)`, an escaped one as text without its
 * backslash; notification messages link `[label](https://…|command:…|file:…)`.
 */
const iconLabel = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;
const linkedText = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const icon = '\u0000ICON\u0000';

function drawnLabel(text: string): string {
  return text.replace(iconLabel, (_match, escaped: string | undefined, name: string) => (escaped ? `$(${name})` : icon));
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const iconish = fc.constantFrom('$(', ')', '\\', '$', '(', '~spin', 'alert', 'sync', '-', '[', ']', 'command:', 'https://', 'file:', 'x', ' ', '\u2060');
/** Strings rich in what the rules look for, and any string at all. */
const lucaroText = fc.oneof(fc.array(iconish, { maxLength: 24 }).map((parts) => parts.join('')), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));

describe('Lucaro strings shown as written in the editor', () => {
  test('property: a label, quick pick item or status bar text shows exactly the string, with no icon', () => {
    fc.assert(
      fc.property(lucaroText, (text) => {
        assert.equal(drawnLabel(literalIcons(text)), text);
      }),
      { numRuns: 5000 },
    );
  });

  test('property: in Markdown every syntax character is escaped, and the text drawn is the string with no icon', () => {
    fc.assert(
      fc.property(lucaroText, (text) => {
        const markdown = literalMarkdown(text);
        assert.doesNotMatch(markdown.replace(/\\[!-/:-@[-`{-~]/g, ''), /[!-/:-@[-`{-~]/, 'a punctuation character left unescaped');
        assert.equal(drawnLabel(unescapeMarkdown(markdown)), text);
      }),
      { numRuns: 5000 },
    );
  });

  test('property: a notification message holds no link, and reads as the string (an invisible word joiner aside)', () => {
    fc.assert(
      fc.property(lucaroText, (text) => {
        const message = literalInMessage(text);
        assert.equal([...message.matchAll(linkedText)].length, 0);
        if (!text.includes('\u2060')) assert.equal(message.replaceAll('\u2060', ''), text);
      }),
      { numRuns: 5000 },
    );
  });

  test('the hostile names the local Lucaro serves', () => {
    assert.equal(literalIcons('$(alert) Urgent $(sync~spin)'), '\\$(alert) Urgent \\$(sync~spin)');
    assert.equal(literalInMessage('[open](command:workbench.action.quit)'), '[open]\u2060(command:workbench.action.quit)');
    assert.equal(literalMarkdown('**<b>x</b>**'), '\\*\\*\\<b\\>x\\<\\/b\\>\\*\\*');
  });
});
