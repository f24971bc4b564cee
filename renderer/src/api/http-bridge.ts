import { apiEventNames, apiEvents, apiMethodNames, apiMethods, type SluiceBridge } from '../../../common/contract/api';
import type { Envelope } from '../../../common/contract/envelope';

/**
 * The serve-mode bridge: the same contract over HTTP (calls) and a WebSocket
 * (events) on 127.0.0.1. The session token comes from the URL the server printed.
 */
export function createHttpBridge(location: Location = window.location): SluiceBridge {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocket | undefined;
  let retryMs = 250;

  const connect = () => {
    const wsUrl = new URL('/events', location.href);
    wsUrl.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    wsUrl.search = `?token=${encodeURIComponent(token)}`;
    socket = new WebSocket(wsUrl);
    socket.onopen = () => {
      retryMs = 250;
    };
    socket.onmessage = (message) => {
      const { channel, payload } = JSON.parse(String(message.data)) as { channel: string; payload: unknown };
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    };
    socket.onclose = () => {
      socket = undefined;
      // The server may be restarting (crash recovery); reconnect with backoff.
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };

  const bridge: Record<string, unknown> = {};
  for (const name of apiMethodNames) {
    const { channel } = apiMethods[name];
    bridge[name] = async (input: unknown): Promise<Envelope<unknown>> => {
      try {
        const response = await fetch(`/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-sluice-token': token },
          body: JSON.stringify(input ?? {}),
        });
        if (response.status === 401) return { ok: false, error: { code: 'forbidden', message: 'the session token was refused; open the URL the server printed' } };
        return (await response.json()) as Envelope<unknown>;
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: `the Sluice server did not answer: ${(error as Error).message}` } };
      }
    };
  }
  for (const name of apiEventNames) {
    const { channel } = apiEvents[name];
    bridge[name] = (listener: (payload: unknown) => void) => {
      if (!socket) connect();
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    };
  }
  return bridge as SluiceBridge;
}
