/** The bundle stage: layout, serialisation, check and the one writer. */
export type { BundleEntry, BundleFiles, CheckResult, HandEdits, K8sObject, OutputFormat, WriteResult } from './types.js';
export { BundlePathClash, BundleWriteError, UnsafeBundlePath, type BundleWriteErrorCode } from './errors.js';
export { toJson, toYaml, isAmbiguousScalar } from './serialize.js';
export { APPLY_ORDER, objectFileName, renderBundle, renderStream } from './layout.js';
export { writeBundle, type WriteOptions } from './write.js';
export { checkBundle, findHandEdits } from './check.js';
export { unifiedDiff, type UnifiedDiffOptions } from './diff.js';
export { MANIFEST_FILE } from './manifest.js';
export { JOURNAL_FILE } from './journal.js';
export { LOCK_FILE } from './lock.js';
