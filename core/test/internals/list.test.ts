// Pages with totals and opaque cursors.
import t from 'tap';
import { countBy, listPage } from '@cnmcp/core';

t.test('pages walk the whole list with cursors', async (t) => {
  const items = Array.from({ length: 7 }, (_, i) => i);
  const first = listPage(items, { limit: 3, what: 'numbers' });
  t.same(first.items, [0, 1, 2]);
  t.equal(first.total, 7);
  t.match(first.truncated, /showing 1-3 of 7 numbers/);
  const second = listPage(items, { limit: 3, cursor: first.next_cursor });
  t.same(second.items, [3, 4, 5]);
  const last = listPage(items, { limit: 3, cursor: second.next_cursor });
  t.same(last.items, [6]);
  t.notOk(last.next_cursor);
  t.equal(listPage(items, { limit: 500, max: 5 }).returned, 5, 'limit is capped by max');
  t.throws(() => listPage(items, { cursor: 'bogus' }), /is not a cursor this tool gave out/);
  t.same(
    countBy(['a', 'b', 'a'], (x) => x),
    { a: 2, b: 1 },
  );
});
