/**
 * The `yaml` library, initialised on first use. A build whose inputs are JSON and whose objects
 * all take the fast YAML path (src/bundle/serialize.ts) never needs it, and its initialisation
 * is part of every start that loads it (docs/performance.md). Types come through `import type`;
 * the functions and classes through `yaml()`, one of the first-use imports of ./lazy.ts.
 */
import { lazy } from './lazy.js';

export const yaml = lazy.yaml;
