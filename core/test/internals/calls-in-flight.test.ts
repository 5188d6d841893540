// Shutdown waits for the calls in flight: drained() resolves when the last one leaves, at once when there is none.
import t from 'tap';
import { CallsInFlight } from '../../src/tools/calls-in-flight.js';

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
};

t.test('no call in flight: drained at once', async (t) => {
  const calls = new CallsInFlight();
  t.equal(calls.size, 0);
  t.equal(await settled(calls.drained()), true);
});

t.test('drained resolves only when the last call leaves, including calls that entered meanwhile', async (t) => {
  const calls = new CallsInFlight();
  calls.enter();
  calls.enter();
  const drained = calls.drained();
  t.equal(calls.drained(), drained, 'one promise for every waiter');
  calls.leave();
  t.equal(await settled(drained), false, 'one call still in flight');
  calls.enter();
  calls.leave();
  t.equal(await settled(drained), false, 'a call that started meanwhile is waited for');
  calls.leave();
  t.equal(await settled(drained), true);
  t.equal(calls.size, 0);
});

t.test('a leave without an enter does not go below zero', async (t) => {
  const calls = new CallsInFlight();
  calls.leave();
  t.equal(calls.size, 0);
  calls.enter();
  t.equal(calls.size, 1);
  t.equal(await settled(calls.drained()), false);
});
