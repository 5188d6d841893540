// The group-commit audit writer: records of one turn share one write, keep their order, are answered only after
// they are in the file, rotate by size as before, and a failed write rejects exactly the records it held.
import { closeSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { AuditFile } from '../../src/fastify/audit-file.js';

const dir = mkdtempSync(join(tmpdir(), 'audit-file-'));
let n = 0;
const fresh = (options: { maxBytes?: number; maxFiles?: number; fsync?: 'never' | 'batch' } = {}) => {
  const path = join(dir, `audit-${++n}.log`);
  return { path, file: new AuditFile({ path, maxBytes: 1 << 20, maxFiles: 3, ...options }) };
};
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);

t.test('records of one turn go out in one write, in order', async (t) => {
  const { path, file } = fresh();
  t.teardown(() => file.close());
  await Promise.all(Array.from({ length: 50 }, (_, i) => file.write(`{"i":${i}}\n`)));
  t.equal(file.writes, 1, 'one write for the 50 records');
  t.same(
    lines(path).map((l) => JSON.parse(l).i),
    Array.from({ length: 50 }, (_, i) => i),
  );
});

t.test('records arriving while a write is in flight form the next write, after it', async (t) => {
  const { path, file } = fresh();
  t.teardown(() => file.close());
  const first = file.write('{"i":0}\n');
  await new Promise((r) => setImmediate(r)); // the first write has started
  const later = [1, 2, 3].map((i) => file.write(`{"i":${i}}\n`));
  await Promise.all([first, ...later]);
  t.equal(file.writes, 2);
  t.same(
    lines(path).map((l) => JSON.parse(l).i),
    [0, 1, 2, 3],
  );
});

t.test('a record no other call can join is written at once; one joins a write already waiting', async (t) => {
  const { path, file } = fresh();
  t.teardown(() => file.close());
  await file.write('{"i":0}\n'); // opens the file
  await new Promise((r) => setImmediate(r)); // the opening write has finished
  const alone = file.write('{"i":1}\n', true);
  t.equal(alone, undefined, 'nothing to wait for');
  t.equal(file.writes, 2, 'written before write() returned, not at the end of the turn');
  t.equal(lines(path).length, 2);
  const waiting = file.write('{"i":2}\n');
  const joining = file.write('{"i":3}\n', true);
  t.equal(file.writes, 2, 'a write is already waiting for the end of the turn: the record joins it');
  await Promise.all([waiting, joining]);
  t.equal(file.writes, 3, 'both in one write');
  t.same(
    lines(path).map((l) => JSON.parse(l).i),
    [0, 1, 2, 3],
  );
});

t.test('each record is answered only after it is in the file', async (t) => {
  const { path, file } = fresh({ fsync: 'batch' });
  t.teardown(() => file.close());
  for (let i = 0; i < 5; i++) {
    await file.write(`{"i":${i}}\n`);
    t.equal(lines(path).length, i + 1, `record ${i} is readable when its promise resolves`);
  }
});

t.test('the file rotates where a record would cross maxBytes', async (t) => {
  const { path, file } = fresh({ maxBytes: 100, maxFiles: 2 });
  t.teardown(() => file.close());
  const record = (i: number) => `{"i":${i},"pad":"${'x'.repeat(30)}"}\n`; // 40 bytes
  await Promise.all([0, 1, 2, 3, 4, 5, 6].map((i) => file.write(record(i))));
  const ids = (p: string) => lines(p).map((l) => JSON.parse(l).i);
  // two 40-byte records fit in 100 bytes; the third starts a new file; the oldest beyond maxFiles is dropped
  t.same(ids(`${path}.2`), [2, 3]);
  t.same(ids(`${path}.1`), [4, 5]);
  t.same(ids(path), [6]);
  t.notOk(existsSync(`${path}.3`), 'maxFiles kept');
});

t.test('a failed write rejects its records; later records are written once the path works', async (t) => {
  const parent = join(dir, `blocked-${++n}`);
  mkdirSync(parent);
  const path = join(parent, 'audit.log');
  mkdirSync(path); // a directory where the file should be: opening it fails
  const file = new AuditFile({ path, maxBytes: 1 << 20, maxFiles: 2 });
  t.teardown(() => file.close());
  const results = await Promise.allSettled([file.write('{"i":0}\n'), file.write('{"i":1}\n')]);
  t.same(
    results.map((r) => r.status),
    ['rejected', 'rejected'],
  );
  rmdirSync(path);
  await file.write('{"i":2}\n');
  t.same(lines(path), ['{"i":2}']);
});

t.test('a record written at once that fails throws; the file is reopened for the next one', async (t) => {
  const { path, file } = fresh();
  t.teardown(() => file.close());
  await file.write('{"i":0}\n');
  await new Promise((r) => setImmediate(r));
  // The descriptor goes bad under the writer (as a disk error would make the write fail).
  closeSync((file as unknown as { handle: { fd: number } }).handle.fd);
  t.throws(() => file.write('{"i":1}\n', true), { code: 'EBADF' });
  await file.write('{"i":2}\n', true);
  t.same(
    lines(path).map((l) => JSON.parse(l).i),
    [0, 2],
  );
});

t.test('close waits for records still queued', async (t) => {
  const { path, file } = fresh();
  const pending = [0, 1, 2].map((i) => file.write(`{"i":${i}}\n`));
  await file.close();
  t.equal(lines(path).length, 3);
  await Promise.all(pending);
  await file.write('{"i":3}\n');
  t.equal(lines(path).length, 4, 'a record after close is still written');
});
