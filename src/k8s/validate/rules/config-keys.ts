import { configKeyError } from '../../syntax.js';
import { ptr, obj, type Rule } from './rule.js';

/** k8s-config-key: ConfigMap/Secret data keys, not repeated across data/binaryData/stringData. */
export const configKeys: Rule = (o, gvk, report) => {
  if (gvk !== 'v1/ConfigMap' && gvk !== 'v1/Secret') return;
  const sections = gvk === 'v1/ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  const seen = new Map<string, string>();
  for (const s of sections) {
    for (const k of Object.keys(obj(o[s]) ?? {})) {
      const at = ptr('', s, k);
      const err = configKeyError(k);
      if (err) report('k8s-config-key', at, `${s} key "${k}" ${err}`);
      const prev = seen.get(k);
      // Secret stringData is merged into data by the server: a repeat is allowed there.
      if (prev && gvk === 'v1/ConfigMap') report('k8s-config-key', at, `key "${k}" is in both data and binaryData (${prev})`);
      else seen.set(k, at);
    }
  }
};
