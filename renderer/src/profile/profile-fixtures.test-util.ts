import { PROFILE_FORMAT_VERSION, ProfileSchema, type ColumnProfile, type Profile } from '../../../common/profile/profile-schema';

/** Profile objects for the view tests, checked against the real schema so they cannot drift from it. */
export function column(fields: Partial<ColumnProfile> & Pick<ColumnProfile, 'name'>): ColumnProfile {
  return {
    type: 'BIGINT',
    kind: 'numeric',
    count: 100,
    nullCount: 0,
    nullPercent: 0,
    distinctCount: 10,
    min: 0,
    max: 9,
    mean: 4.5,
    stddev: 2.9,
    skewness: 0,
    quantiles: null,
    histogram: null,
    topValues: null,
    topValuesComplete: null,
    zeros: 10,
    negatives: 0,
    nonFinite: null,
    emptyStrings: null,
    length: null,
    numericText: null,
    outliers: null,
    temporal: null,
    jsonTypes: null,
    exact: { count: true, nullCount: true, distinctCount: true },
    alerts: [],
    ...fields,
  };
}

export function profile(fields: Partial<Profile> & Pick<Profile, 'columns'>): Profile {
  return ProfileSchema.parse({
    version: PROFILE_FORMAT_VERSION,
    target: { kind: 'node', node: 'orders', pipelinePath: 'p.sluice.yaml' },
    fingerprint: 'f1',
    stage: 'full',
    rowCount: 100,
    rowCountExact: true,
    sample: null,
    omittedColumns: 0,
    exactDistinct: false,
    createdAt: '2026-11-27T20:00:00.000Z',
    durationMs: 10,
    ...fields,
  });
}
