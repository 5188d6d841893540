// isoNow writes exactly what toISOString writes, across second, day and year boundaries.
import t from 'tap';
import { isoNow } from '../../src/helpers/clock.js';

t.test('isoNow matches toISOString', async (t) => {
  const instants = [
    Date.UTC(2026, 11, 31, 23, 59, 59, 999),
    Date.UTC(2027, 0, 1, 0, 0, 0, 0),
    Date.UTC(2027, 0, 1, 0, 0, 0, 7),
    Date.UTC(2027, 0, 1, 0, 0, 0, 42),
    Date.UTC(2027, 0, 1, 0, 0, 0, 420),
    Date.UTC(2027, 0, 1, 0, 0, 1, 0),
    Date.UTC(2024, 1, 29, 12, 0, 0, 5),
    0,
  ];
  for (const instant of instants) t.equal(isoNow(instant), new Date(instant).toISOString());
  for (let ms = Date.UTC(2026, 10, 28, 13, 59, 58, 990); ms < Date.UTC(2026, 10, 28, 14, 0, 1, 10); ms += 7)
    if (isoNow(ms) !== new Date(ms).toISOString()) t.fail(`differs at ${ms}`);
  t.match(isoNow(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});
