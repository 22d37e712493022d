// GET /admin/affiliates/{id}/uploads: the documents an affiliate uploaded, newest period
// first, each with a presigned download link of the version that was checked (5 minutes).

import { clock } from '#shared/clock.ts';
import { adminIdentity } from '#shared/http/admin.ts';
import { httpHandler } from '#shared/http/handler.ts';
import { json } from '#shared/http/respond.ts';
import { downloadLink } from '#shared/uploads/download-link.ts';
import { listUploads, requireAffiliate } from '#shared/uploads/store.ts';

export const handler = httpHandler(async (event) => {
  adminIdentity(event);
  const affiliateId = event.pathParameters?.id ?? '';
  await requireAffiliate(affiliateId);
  const now = clock.now();
  const uploads = (await listUploads(affiliateId)).sort((a, b) => b.sk.localeCompare(a.sk));
  const listed = await Promise.all(
    uploads.map(async ({ pk: _pk, sk: _sk, ...upload }) => {
      const link = await downloadLink({ pk: _pk, sk: _sk, ...upload }, now);
      return { ...upload, downloadUrl: link.url, downloadExpiresAt: link.expiresAt };
    }),
  );
  return json(200, { uploads: listed }, { 'cache-control': 'no-store' });
});
