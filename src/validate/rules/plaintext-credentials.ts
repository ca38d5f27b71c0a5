import { show } from '../../diagnostics.js';
import { objs, str } from '../../model/values.js';
import { looksLikeCredential } from '../credentials.js';
import { containers, cptr, type Rule } from './rule.js';

/** Plain environment values that look like credentials: named by the variable, never echoed. */
export const plaintextCredentials: Rule = (doc, d) => {
  for (const [c, i] of containers(doc)) {
    for (const [kv, j] of objs(c['environment'])) {
      const name = str(kv['name']);
      const value = str(kv['value']);
      if (name !== undefined && value !== undefined && looksLikeCredential(name, value)) {
        d.warn(
          doc.source,
          cptr(doc, i, 'environment', j, 'value'),
          'plaintext-credential',
          `the environment variable ${show(name)} of container ${show(c['name'])} looks like a credential in plain text: move it to "secrets" (Secrets Manager or SSM) so that its value never sits in the task definition or the bundle`,
        );
      }
    }
  }
};
