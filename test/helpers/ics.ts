import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { expect } from 'vitest';

/**
 * expectWellFormedIcs checks the raw bytes of an iCalendar object the hub serves or mails, as RFC 5545
 * and RFC 5546 want them and as strict readers (python-icalendar, libical, khal) need them:
 * - every line ends with CRLF, the last one (END:VCALENDAR) included, and no line is over 75 octets;
 * - the calendar's own properties stand before its first component (VTIMEZONE, VEVENT);
 * - with METHOD:PUBLISH, every VEVENT has exactly one ORGANIZER (and so does every event here: the office);
 * - ical.js and node-ical both read it.
 * Returns the ORGANIZER lines (unfolded), one per event.
 */
export function expectWellFormedIcs(text: string): string[] {
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text.endsWith('END:VCALENDAR\r\n'), 'the last line ends with CRLF').toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(line, 'no bare CR or LF').not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  }
  const unfolded = text.replace(/\r\n[ \t]/g, '').slice(0, -2).split('\r\n');
  // Walk the components: at the calendar's own level, nothing but components after the first one.
  let depth = 0;
  let componentSeen = false;
  const organizers: string[] = [];
  let eventOrganizers = -1;
  for (const line of unfolded) {
    if (line.startsWith('BEGIN:')) {
      depth += 1;
      if (depth === 2) componentSeen = true;
      if (line === 'BEGIN:VEVENT') eventOrganizers = 0;
    } else if (line.startsWith('END:')) {
      if (line === 'END:VEVENT') expect(eventOrganizers, 'exactly one ORGANIZER in every VEVENT').toBe(1);
      depth -= 1;
    } else {
      if (depth === 1) expect(componentSeen, `calendar property ${line} after a component`).toBe(false);
      if (/^ORGANIZER[;:]/.test(line)) {
        eventOrganizers += 1;
        organizers.push(line);
      }
    }
  }
  expect(depth).toBe(0);
  // Two readers we did not write must both take it.
  const parsed = new ICAL.Component(ICAL.parse(text));
  expect(parsed.name).toBe('vcalendar');
  const events = Object.values(nodeIcal.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT');
  expect(events).toHaveLength(parsed.getAllSubcomponents('vevent').length);
  return organizers;
}
