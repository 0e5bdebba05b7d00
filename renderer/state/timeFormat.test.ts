import { describe, expect, it } from 'vitest';
import { hourCycleOption, timeFormats } from './timeFormat.js';

// 5 January 2026, 18:53:07 local time.
const evening = new Date(2026, 0, 5, 18, 53, 7);

describe('the Clock setting in every shown time', () => {
  it('shows 24-hour times when asked, even in a language that uses 12-hour ones', () => {
    const formats = timeFormats('24', 'en-US');
    expect(formats.time(evening)).toBe('18:53');
    expect(formats.timeWithSeconds(evening)).toBe('18:53:07');
    expect(formats.shortDateTime(evening)).toContain('18:53');
    expect(formats.fullDateTime(evening)).toContain('18:53:07');
  });

  it('shows 12-hour times when asked, even in a language that uses 24-hour ones', () => {
    const formats = timeFormats('12', 'de-DE');
    expect(formats.time(evening)).toMatch(/^06:53\s?PM$/i);
    expect(formats.shortDateTime(evening)).toMatch(/6:53\s?PM/i);
    expect(formats.fullDateTime(evening)).not.toContain('18:');
  });

  it('leaves the form to the language when the clock is the system’s', () => {
    expect(timeFormats('system', 'en-US').time(evening)).toMatch(/^06:53\s?PM$/);
    expect(timeFormats('system', 'de-DE').time(evening)).toBe('18:53');
    expect(hourCycleOption('system')).toEqual({});
  });

  it('shows a date alone the same whatever the clock', () => {
    expect(timeFormats('12', 'en-US').date(evening)).toBe(timeFormats('24', 'en-US').date(evening));
    expect(timeFormats('24', 'en-US').date(evening)).toBe('Jan 5, 2026');
  });

  it('builds the formats of a clock and language once', () => {
    expect(timeFormats('24', 'en-GB')).toBe(timeFormats('24', 'en-GB'));
    expect(timeFormats('24', 'en-GB')).not.toBe(timeFormats('12', 'en-GB'));
  });
});
