/** The window's two languages: the same messages in each, valid ICU, the same placeholders; and how the language is chosen. */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../../src/renderer/i18n/locale';
import { de } from '../../../src/renderer/i18n/messages/de';
import { en } from '../../../src/renderer/i18n/messages/en';
import { createTranslator } from '../../../src/renderer/i18n/translate';
import { formatBytes, formatDateTime } from '../../../src/renderer/lib/format';
import { errorHeadline } from '../../../src/renderer/lib/errorText';

/** Names of the arguments a message uses, nested plural branches included. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type !== TYPE.literal && 'value' in element) into.add(element.value as string);
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) argumentsOf(option.value, into);
  }
  return into;
}

describe('locale files', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('are valid ICU messages using the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      const english = argumentsOf(parse(en[key]));
      const german = argumentsOf(parse(de[key]));
      expect([...german].sort(), key).toEqual([...english].sort());
    }
  });

  it('translate nearly everything (only names, units and symbols read the same)', () => {
    const same = (Object.keys(en) as Array<keyof typeof en>).filter((key) => en[key] === de[key]);
    expect(same.sort()).toEqual(
      [
        'album.fallbackName',
        'app.name',
        'banner.offline.title',
        'keys.escape',
        'keys.tooltip',
        'meta.iso',
        'meta.north',
        'meta.south',
        'meta.west',
        // RAW and Apple's "Live" (Photo) are names, in German too.
        'pair.live',
        'pair.raw',
        'photo.part.raw',
        'photo.none',
        'progress.percent',
        // "1 MB/s": a number and its unit.
        'tray.limitRate',
        'watch.album',
      ].sort(),
    );
  });
});

describe('ICU plurals and numbers', () => {
  const english = createTranslator('en');
  const german = createTranslator('de');

  it('says one photo, two photos, and nothing found', () => {
    expect(english.t('add.queued', { count: 1 })).toBe('1 photo added to the queue.');
    expect(english.t('add.queued', { count: 2 })).toBe('2 photos added to the queue.');
    expect(english.t('add.queued', { count: 0 })).toBe('No new photos found.');
    expect(german.t('add.queued', { count: 1 })).toBe('1 Foto in die Warteschlange gelegt.');
    expect(german.t('add.queued', { count: 2 })).toBe('2 Fotos in die Warteschlange gelegt.');
  });

  it('groups large counts as each language does', () => {
    expect(english.t('albums.photos', { count: 12345 })).toBe('12,345 photos');
    expect(german.t('albums.photos', { count: 12345 })).toBe('12.345 Fotos');
  });

  it('writes sizes and dates the local way', () => {
    expect(formatBytes(1_500_000, 'de')).toBe('1,5 MB');
    expect(formatBytes(1_500_000, 'en')).toBe('1.5 MB');
    expect(formatDateTime('2013-08-27T19:45:23', 'de')).toBe(new Date(2013, 7, 27, 19, 45, 23).toLocaleString('de'));
  });

  it('explains errors in German too', () => {
    expect(errorHeadline({ code: 'EMPTY_FILE', message: '' }, german)).toBe('Die Datei ist leer (0 Byte).');
  });
});

describe('pickLocale', () => {
  it('follows the OS / browser languages, first one PixDrop speaks', () => {
    expect(pickLocale(null, ['de-DE', 'en-US'])).toBe('de');
    expect(pickLocale(null, ['fr-FR', 'de-AT'])).toBe('de');
    expect(pickLocale(null, ['en-GB'])).toBe('en');
  });

  it('falls back to English for languages it does not have', () => {
    expect(pickLocale(null, ['ja-JP'])).toBe('en');
    expect(pickLocale(null, [])).toBe('en');
  });

  it('keeps the choice made in Settings over the OS language', () => {
    expect(pickLocale('en', ['de-DE'])).toBe('en');
    expect(pickLocale('de', ['en-US'])).toBe('de');
    expect(pickLocale('xx', ['de-DE'])).toBe('de');
  });
});
