import { EventEmitter } from 'node:events';

/** Change events the transports forward to connected clients (list_changed, resources/updated). */
export type ServerChange =
  | { kind: 'tools_list_changed' }
  | { kind: 'prompts_list_changed' }
  | { kind: 'resources_list_changed' }
  | { kind: 'resource_updated'; uri: string };

export interface Notifier {
  toolsChanged(): void;
  promptsChanged(): void;
  resourcesChanged(): void;
  resourceUpdated(uri: string): void;
  /** Transports listen here; returns an unsubscribe function. */
  subscribe(listener: (change: ServerChange) => void): () => void;
}

export function createNotifier(): Notifier {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const emit = (change: ServerChange) => events.emit('change', change);
  return {
    toolsChanged: () => emit({ kind: 'tools_list_changed' }),
    promptsChanged: () => emit({ kind: 'prompts_list_changed' }),
    resourcesChanged: () => emit({ kind: 'resources_list_changed' }),
    resourceUpdated: (uri) => emit({ kind: 'resource_updated', uri }),
    subscribe(listener) {
      events.on('change', listener);
      return () => events.off('change', listener);
    },
  };
}
