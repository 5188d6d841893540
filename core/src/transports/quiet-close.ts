// The SDK builds an SdkError('Connection closed') every time a server's transport closes, to settle whatever is
// still pending — and a stateless 2026-07-28 request closes one server per request. With nothing pending the
// error is never seen, yet capturing its stack trace is a measurable share of each request; so then it is made
// without one. With anything pending the close is left exactly as the SDK does it.
import type { Server } from '@modelcontextprotocol/server';

interface ProtocolInternals {
  _onclose(): void;
  _responseHandlers?: unknown;
  _requestHandlerAbortControllers?: unknown;
}

const isEmptyMap = (value: unknown) => value instanceof Map && value.size === 0;

export function closeWithoutIdleStacks(server: Server): void {
  const internals = server as unknown as ProtocolInternals;
  const close = internals._onclose.bind(server);
  internals._onclose = () => {
    if (!isEmptyMap(internals._responseHandlers) || !isEmptyMap(internals._requestHandlerAbortControllers))
      return close();
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      close();
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
}
