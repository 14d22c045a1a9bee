/**
 * A minimal OCI registry on 127.0.0.1 for tests: the subset of the OCI distribution API that a
 * real `helm push` / `helm pull --plain-http` uses. Everything is kept in memory.
 *
 *   GET  /v2/                                   API version check
 *   HEAD|GET /v2/<name>/blobs/<digest>          blob exists / blob bytes
 *   POST /v2/<name>/blobs/uploads/              start an upload (or a whole one, with ?digest=)
 *   PATCH /v2/<name>/blobs/uploads/<id>         append a chunk
 *   PUT  /v2/<name>/blobs/uploads/<id>?digest=  last chunk (may be empty) and commit
 *   PUT  /v2/<name>/manifests/<tag|digest>      store a manifest
 *   HEAD|GET /v2/<name>/manifests/<tag|digest>  resolve / fetch a manifest
 *   GET  /v2/<name>/tags/list                   tags (Helm lists them to resolve versions)
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { close, listen } from './chart-repo.js';

export interface OciRegistry {
  /** `oci://127.0.0.1:<port>` */
  url: string;
  /** Every request as `METHOD /path`, in order. */
  requests: string[];
  close(): Promise<void>;
}

interface Manifest {
  body: Buffer;
  mediaType: string;
  digest: string;
}

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export async function startOciRegistry(): Promise<OciRegistry> {
  const blobs = new Map<string, Buffer>();
  const uploads = new Map<string, Buffer[]>();
  // Per repository: tag or digest -> manifest.
  const manifests = new Map<string, Map<string, Manifest>>();
  const requests: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    res.setHeader('Docker-Distribution-API-Version', 'registry/2.0');

    if (url.pathname === '/v2/' || url.pathname === '/v2') return send(res, 200, {}, '{}');

    // The repository name may contain slashes, so match the operation from the right.
    let m: RegExpExecArray | null;
    if ((m = /^\/v2\/(.+)\/blobs\/uploads\/?$/.exec(url.pathname)) && method === 'POST') {
      const name = m[1] as string;
      const digest = url.searchParams.get('digest');
      if (digest !== null) return commitBlob(res, name, digest, body);
      const id = randomUUID();
      uploads.set(id, body.length > 0 ? [body] : []);
      return send(res, 202, { Location: `/v2/${name}/blobs/uploads/${id}`, Range: '0-0', 'Docker-Upload-UUID': id });
    }
    if ((m = /^\/v2\/(.+)\/blobs\/uploads\/([^/]+)$/.exec(url.pathname))) {
      const [, name, id] = m as unknown as [string, string, string];
      const chunks = uploads.get(id);
      if (chunks === undefined) return error(res, 404, 'BLOB_UPLOAD_UNKNOWN', 'no such upload');
      if (method === 'PATCH') {
        chunks.push(body);
        const size = chunks.reduce((n, c) => n + c.length, 0);
        return send(res, 202, { Location: `/v2/${name}/blobs/uploads/${id}`, Range: `0-${Math.max(0, size - 1)}`, 'Docker-Upload-UUID': id });
      }
      if (method === 'PUT') {
        uploads.delete(id);
        return commitBlob(res, name, url.searchParams.get('digest') ?? '', Buffer.concat([...chunks, body]));
      }
      return error(res, 405, 'UNSUPPORTED', `${method} on an upload`);
    }
    if ((m = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(url.pathname)) && (method === 'GET' || method === 'HEAD')) {
      const blob = blobs.get(m[2] as string);
      if (blob === undefined) return error(res, 404, 'BLOB_UNKNOWN', 'blob unknown to registry');
      const headers = { 'Content-Type': 'application/octet-stream', 'Content-Length': blob.length, 'Docker-Content-Digest': m[2] as string };
      return send(res, 200, headers, method === 'GET' ? blob : undefined);
    }
    if ((m = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname))) {
      const [, name, ref] = m as unknown as [string, string, string];
      if (method === 'PUT') {
        const manifest: Manifest = { body, mediaType: req.headers['content-type'] ?? 'application/vnd.oci.image.manifest.v1+json', digest: sha256(body) };
        if (ref.startsWith('sha256:') && ref !== manifest.digest) return error(res, 400, 'DIGEST_INVALID', 'manifest digest does not match');
        const repo = manifests.get(name) ?? new Map<string, Manifest>();
        manifests.set(name, repo);
        repo.set(ref, manifest);
        repo.set(manifest.digest, manifest);
        return send(res, 201, { Location: `/v2/${name}/manifests/${manifest.digest}`, 'Docker-Content-Digest': manifest.digest });
      }
      if (method === 'GET' || method === 'HEAD') {
        const manifest = manifests.get(name)?.get(ref);
        if (manifest === undefined) return error(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown');
        const headers = { 'Content-Type': manifest.mediaType, 'Content-Length': manifest.body.length, 'Docker-Content-Digest': manifest.digest };
        return send(res, 200, headers, method === 'GET' ? manifest.body : undefined);
      }
    }
    if ((m = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname)) && method === 'GET') {
      const repo = manifests.get(m[1] as string);
      if (repo === undefined) return error(res, 404, 'NAME_UNKNOWN', 'repository name not known to registry');
      const tags = [...repo.keys()].filter((k) => !k.startsWith('sha256:')).sort();
      return send(res, 200, { 'Content-Type': 'application/json' }, JSON.stringify({ name: m[1], tags }));
    }
    return error(res, 404, 'UNSUPPORTED', `${method} ${url.pathname} is not part of this stand-in`);
  };

  function commitBlob(res: ServerResponse, name: string, digest: string, data: Buffer) {
    if (digest !== sha256(data)) return error(res, 400, 'DIGEST_INVALID', `digest ${digest} does not match the uploaded content`);
    blobs.set(digest, data);
    return send(res, 201, { Location: `/v2/${name}/blobs/${digest}`, 'Docker-Content-Digest': digest });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => error(res, 500, 'UNKNOWN', String(err)));
  });
  const port = await listen(server);
  return { url: `oci://127.0.0.1:${port}`, requests, close: () => close(server) };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body?: Buffer | string): void {
  const out = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  if (out !== undefined && headers['Content-Length'] === undefined) headers['Content-Length'] = out.length;
  res.writeHead(status, headers);
  res.end(out);
}

function error(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { 'Content-Type': 'application/json' }, JSON.stringify({ errors: [{ code, message }] }));
}
