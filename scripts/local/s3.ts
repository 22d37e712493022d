// s3rver: an S3-compatible server from npm, in this process, standing in for the report
// documents bucket. The bucket is created at start. s3rver does not check POST policies
// or signatures; the completion step checks size and type itself (docs/reports.md).

import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';

export interface RunningS3 {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export async function startS3(options: {
  port: number;
  directory: string;
  bucket: string;
}): Promise<RunningS3> {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.directory,
    silent: true,
    configureBuckets: [{ name: options.bucket, configs: [] }],
  });
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stop: () => server.close().then(() => undefined),
  };
}
