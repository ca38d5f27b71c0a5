import { dns1123LabelError, dns1123SubdomainError, dns1035LabelError } from '../../syntax.js';
import { obj, type Rule } from './rule.js';

/** k8s-name: metadata.name present and valid for the kind. */
export const objectName: Rule = (o, gvk, report) => {
  const meta = obj(o.metadata);
  const name = meta?.name;
  const at = '/metadata/name';
  if (typeof name !== 'string' || name === '') {
    if (meta?.generateName === undefined) report('k8s-name', at, `metadata.name is required for ${gvk}`);
    return;
  }
  let err: string | null;
  switch (gvk) {
    case 'v1/Namespace':
      err = dns1123LabelError(name);
      break;
    case 'v1/Service':
      err = dns1035LabelError(name);
      break;
    case 'batch/v1/Job':
      // The Job controller puts the name in the pods' batch.kubernetes.io/job-name label.
      err = dns1123SubdomainError(name) ?? (name.length > 63 ? `must be no more than 63 characters (has ${name.length}), as it becomes a label value` : null);
      break;
    case 'batch/v1/CronJob':
      // Jobs are named <cronjob>-<11 digit suffix>, and Job names must be label values.
      err = dns1123SubdomainError(name) ?? (name.length > 52 ? `must be no more than 52 characters (has ${name.length})` : null);
      break;
    default:
      err = dns1123SubdomainError(name);
  }
  if (err) report('k8s-name', at, `metadata.name "${name}" of ${gvk} ${err}`);
};
