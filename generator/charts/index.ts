/**
 * The chart cache: chart archives fetched once with Helm, pinned by digest in charts.lock.yaml,
 * reused offline, optionally pulled through mirrors.
 */
export { archivePath, fileDigest } from './chart-cache.js';
export { listCharts, type ChartStatus, type ListChartsResult, type ListedChart } from './list-charts.js';
export { LOCK_FILE, parseLock, readLockFile, serializeLock, type LockFile } from './lock-file.js';
export { checkMirrors, mirrorFor, parseChartMirrorFlags, type MirrorTarget } from './mirrors.js';
export { mapLimit } from './map-limit.js';
export { cacheDirOf, type ChartCacheOptions } from './options.js';
export { PULL_COMMAND, pullCharts, type PullAction, type PullChartsOptions, type PullChartsResult, type PulledChart } from './pull-charts.js';
export { recordLock, type RecordLockResult } from './record-lock.js';
export { chartKey, checkChartRef, describeChart, normaliseRepoURL } from './reference.js';
export type { ChartRef, LockEntry, MirrorMap } from './types.js';
