// Call an admin route: `npm run admin -- GET /admin/affiliates` or
// `npm run admin -- POST /admin/affiliates/x/pause '{"reason":"..."}'` (a body starting
// with @ is read from that file).
//
// Against the deployed API (ADMIN_API_URL=https://...execute-api...amazonaws.com) the
// request is signed with SigV4 from the caller's AWS credentials (profile, SSO,
// environment: the usual chain), which API Gateway's IAM authorizer checks. Against the
// local stack (the default, http://127.0.0.1:3000) it sends the admin token instead.

import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type AdminAuth =
  | { mode: 'token'; token: string }
  | { mode: 'sigv4'; region: string; credentials: () => Promise<Credentials>; now?: () => Date };

export interface AdminRequest {
  method: string;
  path: string;
  body?: string;
  baseUrl: string;
  auth: AdminAuth;
}

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the signer wants. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** The headers a request needs: the admin token, or a SigV4 signature for execute-api. */
export async function authHeaders(
  request: { method: string; url: URL; body?: string; headers: Record<string, string> },
  auth: AdminAuth,
): Promise<Record<string, string>> {
  if (auth.mode === 'token') return { ...request.headers, authorization: `Bearer ${auth.token}` };
  const signer = new SignatureV4({
    service: 'execute-api',
    region: auth.region,
    credentials: auth.credentials,
    sha256: NodeSha256,
  });
  const query: Record<string, string> = {};
  for (const [k, v] of request.url.searchParams) query[k] = v;
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      ...(request.url.port ? { port: Number(request.url.port) } : {}),
      path: request.url.pathname,
      query,
      headers: { ...request.headers, host: request.url.host },
      ...(request.body !== undefined ? { body: request.body } : {}),
    },
    auth.now ? { signingDate: auth.now() } : {},
  );
  return signed.headers as Record<string, string>;
}

export async function adminRequest(req: AdminRequest): Promise<Response> {
  const url = new URL(req.path, `${req.baseUrl.replace(/\/+$/, '')}/`);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  const signedHeaders = await authHeaders({ method: req.method, url, body: req.body, headers }, req.auth);
  return fetch(url, { method: req.method, headers: signedHeaders, body: req.body });
}

/** The region of an execute-api URL: https://abc.execute-api.eu-west-1.amazonaws.com */
export function regionOf(url: string, env: Record<string, string | undefined>): string {
  const m = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com/.exec(url);
  const region = m?.[1] ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('Cannot tell the region of the API; set AWS_REGION.');
  return region;
}

/** Which base URL and credentials: the deployed API when ADMIN_API_URL is set, else local. */
export function chooseAuth(env: Record<string, string | undefined>): { baseUrl: string; auth: AdminAuth } {
  const deployed = env.ADMIN_API_URL;
  if (!deployed) {
    return {
      baseUrl: `http://127.0.0.1:${env.PORT || '3000'}`,
      auth: { mode: 'token', token: env.ADMIN_TOKEN || 'local-admin-token' },
    };
  }
  if (!deployed.startsWith('https://')) throw new Error('ADMIN_API_URL must be an https URL');
  return {
    baseUrl: deployed,
    auth: { mode: 'sigv4', region: regionOf(deployed, env), credentials: defaultProvider() },
  };
}

const USAGE = 'usage: npm run admin -- <METHOD> </admin/path> [json body | @file.json]';

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [method, path, bodyArg] = argv;
  if (!method || !path || !/^[A-Za-z]+$/.test(method) || !path.startsWith('/')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const body = bodyArg?.startsWith('@') ? readFileSync(bodyArg.slice(1), 'utf8') : bodyArg;
  const { baseUrl, auth } = chooseAuth(env);
  const res = await adminRequest({ method: method.toUpperCase(), path, body, baseUrl, auth });
  const text = await res.text();
  let out = text;
  try {
    out = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: print as it is
  }
  process.stderr.write(`${res.status} ${res.statusText}\n`);
  process.stdout.write(`${out}\n`);
  return res.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
