// What every comparison server shares: the port it is given, the echo tool's name and schema, and the body reader.
export const TOOL = 'bench_echo';
export const TOOL_DESCRIPTION = 'Returns the message.';

/** The port the bench chose (first argument); the servers listen on 127.0.0.1 only. */
export function portArgument() {
  const port = Number(process.argv[2]);
  if (!Number.isInteger(port) || port <= 0) throw new Error('usage: node <server>.mjs <port>');
  return port;
}

/** The echo tool's answer, the same from every server. */
export function echoResult(message) {
  return { content: [{ type: 'text', text: message }] };
}

/** The request body parsed as JSON (undefined when empty or not JSON: the SDK answers that itself). */
export async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
