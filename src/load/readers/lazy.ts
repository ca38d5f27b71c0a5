/**
 * The readers' code, initialised on first use: a build of ECS JSON asks each reader whether it
 * claims a file (./*\/claims.ts) and never loads the code of one that claims none. From src/
 * these are plain imports; the bundles replace this module (scripts/lazy-modules.mjs) with the
 * same functions around `require()` calls, as ../../lazy.ts.
 */
import * as cdk from './cloudformation/cdk.js';
import * as cloudformation from './cloudformation/index.js';
import * as copilot from './copilot/index.js';
import * as terraform from './terraform/index.js';

export const lazy = {
  cdk: () => cdk,
  cloudformation: () => cloudformation,
  copilot: () => copilot,
  terraform: () => terraform,
};
