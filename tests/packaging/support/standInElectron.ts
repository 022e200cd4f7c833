import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** @electron/fuses finds the fuse wire after this marker in the Electron binary. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Fuse wire positions (version 1), as @electron/fuses numbers them. */
export const FUSE_INDEX = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
} as const;

/** Electron's defaults: '1' enabled, '0' disabled (RunAsNode, NODE_OPTIONS, inspect and file:// privileges on). */
const DEFAULT_WIRE = '10110001';

/**
 * A stand-in for an unpacked Linux Electron (what `-c.electronDist` points
 * at): only the `electron` executable, a shell script that carries a
 * version-1 fuse wire with Electron's defaults so electron-builder's fuse
 * step has something to flip. Nothing here can run an app.
 */
export async function writeStandInElectron(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  const executable = Buffer.concat([
    Buffer.from('#!/bin/sh\n# stand-in Electron for packaging tests\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE, 'latin1'),
  ]);
  await writeFile(join(directory, 'electron'), executable, { mode: 0o755 });
}

/** The fuse wire of a packed executable, one character per fuse ('0' off, '1' on). */
export function readFuseWire(executable: Buffer): string {
  const at = executable.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at < 0) throw new Error('no fuse sentinel in the executable');
  const wire = at + FUSE_SENTINEL.length;
  const length = executable.readUInt8(wire + 1);
  return executable.toString('latin1', wire + 2, wire + 2 + length);
}
