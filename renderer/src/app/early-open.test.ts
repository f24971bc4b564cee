import { describe, expect, it } from 'vitest';
import { apiMethods } from '../../../common/contract/api';
import { EARLY_CHANNELS } from './early-open';

describe('early open', () => {
  it('calls the host on the channels of the contract', () => {
    for (const [method, channel] of Object.entries(EARLY_CHANNELS)) expect(apiMethods[method as keyof typeof apiMethods].channel).toBe(channel);
  });
});
