import { describe, expect, it } from 'vitest';
import { openTabsSettingKey, savedTabs } from './open-tabs-setting';

describe('open tabs setting', () => {
  it('reopens the saved tabs that still exist, and the active one only if it is among them', () => {
    const project = { path: '/p', name: 'p', pipelines: ['a.sluice.yaml', 'b.sluice.yaml'] };
    const key = openTabsSettingKey('/p');
    expect(savedTabs(project, { [key]: { paths: ['gone.sluice.yaml', 'b.sluice.yaml', 7, 'a.sluice.yaml'], active: 'a.sluice.yaml' } })).toEqual({ paths: ['b.sluice.yaml', 'a.sluice.yaml'], active: 'a.sluice.yaml' });
    expect(savedTabs(project, { [key]: { paths: ['b.sluice.yaml'], active: 'gone.sluice.yaml' } })).toEqual({ paths: ['b.sluice.yaml'], active: null });
    expect(savedTabs(project, { [key]: ['a.sluice.yaml'] })).toEqual({ paths: [], active: null });
    expect(savedTabs(project, {})).toEqual({ paths: [], active: null });
  });
});
