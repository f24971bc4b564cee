import { unwrap } from './envelope';
import { apiEventNames, apiMethodNames, type SluiceApi, type SluiceBridge } from './api';

/** Wraps a bridge (preload or HTTP) into the value-returning API that renderer code uses. */
export function createApiClient(bridge: SluiceBridge): SluiceApi {
  const client: Record<string, unknown> = {};
  for (const name of apiMethodNames) {
    const call = bridge[name] as (input: unknown) => Promise<Parameters<typeof unwrap>[0]>;
    client[name] = async (input: unknown) => unwrap(await call(input));
  }
  for (const name of apiEventNames) client[name] = bridge[name];
  return client as SluiceApi;
}
