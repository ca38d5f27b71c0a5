/**
 * Where the task can run, where its logs go, and which names its links make resolvable.
 */
import { fact, type Facts } from '../model.js';
import { isObj, list, str, strings, type Obj } from './read.js';
import type { EcsTask } from './task.js';

/**
 * os / arch: runtimePlatform "operatingSystemFamily ... cpuArchitecture" (task definition
 * parameters). Without it the operating system is that of the container instance the task lands
 * on; a task whose images are Windows images (mcr.microsoft.com/windows…, servercore, nanoserver,
 * dotnet/framework, microsoft/iis), whose paths are Windows paths (`C:\…`, named pipes
 * `\\.\pipe\…`) or whose command is Windows PowerShell / cmd.exe can only run on a Windows
 * instance ("Amazon ECS task definitions for Windows containers"). Fargate runs X86_64 unless told
 * otherwise; the oracle treats "any" as equal to it (a cluster of one arch).
 */
export function platformFacts(task: EcsTask): Facts {
  const rp = isObj(task.td.value['runtimePlatform']) ? task.td.value['runtimePlatform'] : {};
  const family = str(rp['operatingSystemFamily']);
  const arch = str(rp['cpuArchitecture']);
  let os: Facts[string];
  if (family !== undefined) os = fact(family.startsWith('WINDOWS') ? 'windows' : 'linux', 'runtimePlatform');
  else if (looksWindows(task)) os = fact('windows', 'Windows images or paths (no runtimePlatform)');
  else os = fact('linux', 'the default');
  return { os, arch: fact(arch === 'ARM64' ? 'arm64' : arch === 'X86_64' ? 'amd64' : 'any', arch ? 'runtimePlatform' : 'not set') };
}

export function isWindows(task: EcsTask): boolean {
  return platformFacts(task)['os']?.value === 'windows';
}

function looksWindows(task: EcsTask): boolean {
  const winImage = /mcr\.microsoft\.com\/(windows|dotnet\/framework)|(^|\/)microsoft\/(iis|windowsservercore|nanoserver|dotnet-framework|mssql-server-windows)|windowsservercore|nanoserver/i;
  const winPath = /^[A-Za-z]:\\|^\\\\\.\\pipe\\/;
  const winCommand = /^(powershell(\.exe)?|cmd(\.exe)?)$|(^|\s|")[A-Za-z]:\\/i;
  for (const c of task.containers) {
    if (winImage.test(str(c['image']) ?? '')) return true;
    if (list(c['mountPoints']).some((m) => winPath.test(str(m['containerPath']) ?? ''))) return true;
    if ([...strings(c['entryPoint']), ...strings(c['command']), str(c['workingDirectory']) ?? ''].some((a) => winCommand.test(a))) return true;
  }
  return list(task.td.value['volumes']).some((v) => isObj(v['host']) && winPath.test(str(v['host']['sourcePath']) ?? ''));
}

/**
 * logs.routing (FireLens containers only): "logDriver awsfirelens ... routes logs to an AWS service
 * or partner destination" through the task's log router container, configured by its options
 * (`Name` picks the Fluent Bit output). Other log drivers ship what the process writes to
 * stdout/stderr, which is what a cluster's log pipeline collects too: not compared.
 */
export function logFacts(c: Obj): Facts {
  const lc = c['logConfiguration'];
  if (!isObj(lc) || str(lc['logDriver']) !== 'awsfirelens') return {};
  const options = isObj(lc['options']) ? lc['options'] : {};
  return { 'logs.routing': fact(`firelens to ${str(options['Name']) ?? 'the router configuration'}`) };
}

/**
 * links: "The links parameter allows containers to communicate with each other without the need
 * for port mappings ... name:internalName" — Docker's legacy links write the alias and the linked
 * container's name into this container's /etc/hosts (docker run reference, "--link").
 */
export function linkFacts(c: Obj): Facts {
  const names = strings(c['links']).flatMap((l) => l.split(':'));
  return names.length ? { 'links.resolves': fact([...new Set(names)].sort().join(', ')) } : {};
}
