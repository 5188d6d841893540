// Units of the routing that lets replicas share a 2025-11-25 session: request ids tagged with the sending
// replica, and a POSTed body split between this replica and the ones whose requests it answers.
import t from 'tap';
import { routeClientAnswers, routedSend, tagRequestId, untagRequestId } from '../../dist/transports/session-routing.js';
import type { SharedSessions } from '../../dist/transports/session-store.js';

function fakeShared(replica: string, holds = false) {
  const forwarded: Array<{ replica: string; sessionId: string; message: unknown }> = [];
  const streamed: Array<{ sessionId: string; message: unknown }> = [];
  const shared = {
    replica,
    holdsStream: () => holds,
    forwardAnswer: async (to: string, sessionId: string, message: unknown) => {
      forwarded.push({ replica: to, sessionId, message });
    },
    toStream: async (sessionId: string, message: unknown) => {
      streamed.push({ sessionId, message });
    },
  } as unknown as SharedSessions;
  return { shared, forwarded, streamed };
}

t.test('a tagged id names the replica and gives the original id back', async (t) => {
  t.same(untagRequestId(tagRequestId('r1', 0)), { replica: 'r1', id: 0 });
  t.same(untagRequestId(tagRequestId('ab12', 'x~y')), { replica: 'ab12', id: 'x~y' });
  t.equal(untagRequestId(7), undefined, 'a client id is left alone');
  t.equal(untagRequestId('cnmcp~broken'), undefined);
});

t.test('answers to another replica are forwarded, ours are untagged, the rest stays', async (t) => {
  const { shared, forwarded } = fakeShared('me');
  const body = [
    { jsonrpc: '2.0', id: tagRequestId('other', 3), result: { action: 'accept' } },
    { jsonrpc: '2.0', id: tagRequestId('me', 4), result: { action: 'decline' } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
  ];
  const local = await routeClientAnswers(shared, 's1', body);
  t.same(local, [
    { jsonrpc: '2.0', id: 4, result: { action: 'decline' } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
  ]);
  t.same(forwarded, [
    { replica: 'other', sessionId: 's1', message: { jsonrpc: '2.0', id: 3, result: { action: 'accept' } } },
  ]);
  const only = await routeClientAnswers(shared, 's1', { jsonrpc: '2.0', id: tagRequestId('other', 5), result: {} });
  t.equal(only, undefined, 'nothing is left to serve here');
});

t.test('server requests are tagged; GET-stream messages go to the stream holder', async (t) => {
  const sent: unknown[] = [];
  const elsewhere = fakeShared('me', false);
  const send = routedSend(
    elsewhere.shared,
    () => 's1',
    async (m) => void sent.push(m),
  );
  await send({ jsonrpc: '2.0', id: 1, method: 'elicitation/create', params: {} } as never, { relatedRequestId: 9 });
  t.same(sent, [{ jsonrpc: '2.0', id: tagRequestId('me', 1), method: 'elicitation/create', params: {} }]);
  await send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' } as never);
  t.same(elsewhere.streamed, [
    { sessionId: 's1', message: { jsonrpc: '2.0', method: 'notifications/tools/list_changed' } },
  ]);
  t.equal(sent.length, 1, 'not sent locally when another replica holds the stream');
  const here = fakeShared('me', true);
  const sentHere: unknown[] = [];
  await routedSend(
    here.shared,
    () => 's1',
    async (m) => void sentHere.push(m),
  )({
    jsonrpc: '2.0',
    method: 'notifications/tools/list_changed',
  } as never);
  t.equal(sentHere.length, 1, 'sent on the local stream when this replica holds it');
});
