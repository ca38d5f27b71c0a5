/** Health check commands: the CMD / CMD-SHELL prefix, and something to run after it. */
import { show } from '../../diagnostics.js';
import { arr, isObject } from '../../model/values.js';
import { containers, cptr, type Rule } from './rule.js';

export const healthChecks: Rule = (doc, d) => {
  for (const [c, i] of containers(doc)) {
    const hc = c['healthCheck'];
    if (!isObject(hc)) continue;
    const cmd = arr(hc['command']);
    const first = cmd[0];
    if (cmd.length > 0 && first !== 'CMD' && first !== 'CMD-SHELL' && first !== 'NONE') {
      // Docker's HealthConfig.Test knows only [], ["NONE"], ["CMD", …] and ["CMD-SHELL", …]: any other form runs no check.
      d.warn(
        doc.source,
        cptr(doc, i, 'healthCheck', 'command', 0),
        'health-check-form',
        `a health check command starts with "CMD" or "CMD-SHELL", not ${show(first)}: Docker runs no check in this form (the container is never marked unhealthy), so no probe is emitted — one running ${show(first)} as a program would always fail; write ["CMD-SHELL", ${show(cmd.join(' '))}] to have the check`,
      );
    } else if (cmd.length === 1 && first !== 'NONE') {
      d.error(doc.source, cptr(doc, i, 'healthCheck', 'command'), 'invalid-value', `the health check command ${show(cmd)} has nothing to run after ${show(first)}`);
    }
  }
};
