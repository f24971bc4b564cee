import { apiEventNames, apiEvents, apiMethodNames, apiMethods, type SluiceBridge } from '../../../common/contract/api';
import type { Envelope } from '../../../common/contract/envelope';
import { postToHost, sessionToken } from './http-call';

/**
 * The serve-mode bridge: the same contract over HTTP (calls) and a WebSocket
 * (events) on 127.0.0.1. The session token comes from the URL the server printed.
 */
export function createHttpBridge(location: Location = window.location): SluiceBridge {
  const token = sessionToken(location);
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
    bridge[name] = (input: unknown): Promise<Envelope<unknown>> => postToHost(channel, input, token);
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
