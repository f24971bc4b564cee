import type { Envelope } from '../../../common/contract/envelope';

/**
 * One call to the serve-mode host: POST /api/<channel> with the session token.
 * Failures come back as envelopes, never as exceptions. Only type imports, so the
 * window's first calls (app/early-open) can use it before the contract is loaded.
 */
export async function postToHost(channel: string, input: unknown, token: string): Promise<Envelope<unknown>> {
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
}

/** The session token from the URL the server printed. */
export function sessionToken(location: Location = window.location): string {
  return new URLSearchParams(location.search).get('token') ?? '';
}
