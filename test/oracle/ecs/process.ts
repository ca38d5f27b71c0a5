/**
 * What process a container runs, by Docker's rules: ECS passes entryPoint as Docker's Entrypoint
 * and command as Cmd ("entryPoint ... maps to Entrypoint ... and the --entrypoint option to docker
 * run"; "command ... maps to Cmd"). Docker (docker run reference, ENTRYPOINT): "You can reset a
 * containers entrypoint by passing an empty string"; "Passing --entrypoint will clear out any
 * default command set on the image (i.e. any CMD instruction in the Dockerfile used to build it)."
 */
import { describeProcess, fact, type Facts } from '../model.js';
import { str, strings, type Invocation, type Obj } from './read.js';

export function processFacts(c: Obj, inv: Invocation): Facts {
  const ep = strings(c['entryPoint']);
  const cmd = strings(c['command']);
  let process: string;
  if (ep.length === 0) process = describeProcess('image', cmd.length > 0 ? cmd : 'image');
  else if (ep.length === 1 && ep[0] === '')
    process = describeProcess([], cmd); // reset: exec the command alone
  else process = describeProcess(ep, cmd); // an entrypoint clears the image's CMD
  const name = str(c['name']) ?? '';
  const image = inv.images[name] ?? str(c['image']) ?? '(none)';
  return { process: fact(process), image: fact(image, inv.images[name] !== undefined ? '--image override' : undefined) };
}
