/** Typed errors of the bundle stage. The CLI maps BundleWriteError to exit code 3. */

/** Two entries would be written to one path. A guard: the compiler checks names before. */
export class BundlePathClash extends Error {
  override readonly name = 'BundlePathClash';
  readonly code = 'bundle-path-clash';
  constructor(readonly path: string) {
    super(`two objects would be written to the same bundle file ${JSON.stringify(path)}`);
  }
}

/** A bundle path that is not a plain, safe relative path. A guard: names are sanitised before. */
export class UnsafeBundlePath extends Error {
  override readonly name = 'UnsafeBundlePath';
  readonly code = 'bundle-unsafe-path';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`unsafe bundle path ${JSON.stringify(path)}: ${reason}`);
  }
}

export type BundleWriteErrorCode = 'output-symlink' | 'output-io' | 'output-locked';

/** Writing (or reading, for --check) the output directory failed; nothing was half written. */
export class BundleWriteError extends Error {
  override readonly name = 'BundleWriteError';
  constructor(
    readonly code: BundleWriteErrorCode,
    message: string,
    /** Absolute path the problem is about. */
    readonly path: string,
    /** The errno code (EACCES, EROFS, ENOTDIR, …) when an fs call failed. */
    readonly errno?: string,
  ) {
    super(message);
  }
}
