import { describe, expect, it } from 'vitest';
import { apiMethods } from '../../../common/contract/api';
import { openTabsSettingKey } from '../state/tabs-store';
import { EARLY_CHANNELS, openTabsKey, savedTabs } from './early-open';

describe('early open', () => {
  it('calls the host on the channels of the contract', () => {
    for (const [method, channel] of Object.entries(EARLY_CHANNELS)) expect(apiMethods[method as keyof typeof apiMethods].channel).toBe(channel);
  });

  it('reads the open tabs under the key the tabs store writes', () => {
    expect(openTabsKey('/home/me/project')).toBe(openTabsSettingKey('/home/me/project'));
  });

  it('reopens the saved tabs that still exist, and the active one only if it is among them', () => {
    const project = { path: '/p', name: 'p', pipelines: ['a.sluice.yaml', 'b.sluice.yaml'] };
    const key = openTabsKey('/p');
    expect(savedTabs(project, { [key]: { paths: ['gone.sluice.yaml', 'b.sluice.yaml', 7, 'a.sluice.yaml'], active: 'a.sluice.yaml' } })).toEqual({ paths: ['b.sluice.yaml', 'a.sluice.yaml'], active: 'a.sluice.yaml' });
    expect(savedTabs(project, { [key]: { paths: ['b.sluice.yaml'], active: 'gone.sluice.yaml' } })).toEqual({ paths: ['b.sluice.yaml'], active: null });
    expect(savedTabs(project, { [key]: ['a.sluice.yaml'] })).toEqual({ paths: [], active: null });
    expect(savedTabs(project, {})).toEqual({ paths: [], active: null });
  });
});
