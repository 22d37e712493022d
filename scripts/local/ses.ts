// aws-ses-v2-local: the SES v2 endpoint and its email viewer, in this process.

import type { Server } from 'node:http';
import sesLocal from 'aws-ses-v2-local';

// The package is CommonJS with an `exports.default`; depending on the loader the
// server factory is the default import or its `default` member.
const startSesServer = ((sesLocal as unknown as { default?: typeof sesLocal }).default ??
  sesLocal) as typeof sesLocal;

export interface RunningSes {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

// aws-ses-v2-local answers GetAccount (our health probe) from this variable.
const LOCAL_ACCOUNT = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'Local development',
    WebsiteURL: 'http://127.0.0.1',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: [] },
};

export async function startSes(options: { port: number }): Promise<RunningSes> {
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(LOCAL_ACCOUNT);
  const server: Server = await startSesServer({ host: '127.0.0.1', port: options.port });
  server.unref?.();
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    port: options.port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
