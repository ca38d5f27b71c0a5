/**
 * Where the corpus of real ECS files lives. `fixtures/corpus` (the licensed part, in the
 * repository) is always there; `../shared/corpus` (the whole corpus, beside the repository in
 * CI) is used as well when it exists. This is the one place that names ../shared: a test checks
 * that no other file under test/ or scripts/ does (test/corpus.test.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './cli.js';

export interface CorpusRoot {
  /** How test names show it. */
  label: string;
  dir: string;
}

/** The corpus in the repository. */
export const fixturesCorpus: CorpusRoot = { label: 'fixtures/corpus', dir: resolve(repoRoot, 'fixtures/corpus') };
/** The wider corpus beside the repository; only read when {@link hasSharedCorpus}. */
export const sharedCorpus: CorpusRoot = { label: '../shared/corpus', dir: resolve(repoRoot, '../shared/corpus') };
export const hasSharedCorpus = existsSync(join(sharedCorpus.dir, 'SOURCES.tsv'));

/** The corpora to run over: fixtures/corpus, then ../shared/corpus when it exists. */
export const corpusRoots: CorpusRoot[] = hasSharedCorpus ? [fixturesCorpus, sharedCorpus] : [fixturesCorpus];

/** The one line said when ../shared/corpus is not there. */
export const SHARED_CORPUS_MISSING = '../shared/corpus is not beside the repository: the corpus tests run over fixtures/corpus only';

const NOT_INPUTS = new Set(['README.md', 'EXPECT.tsv', 'SOURCES.tsv', 'NOTICE', 'LICENSES']);

/** The input files of one folder of a corpus (taskdefs, services, rejected, invalid), sorted. */
export function corpusListing(root: CorpusRoot, folder: string): string[] {
  return readdirSync(join(root.dir, folder))
    .filter((f) => !NOT_INPUTS.has(f) && !f.startsWith('.'))
    .sort();
}
