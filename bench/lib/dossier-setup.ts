/**
 * What bench:dossier's servers start from: the platform with demo data, a citizen and a receiving officer signed in,
 * and many ready-to-submit drafts (one made through the API's service, then copied in bulk with its attachment).
 */
import { sql } from 'drizzle-orm';
import { benchPlatform } from './platform';
import { DEMO_CITIZENS } from '../../src/modules/identity/eid/demo-citizens';
import { readCatalogueFiles } from '../../src/modules/catalog/index';

export async function prepareDossierBench() {
  const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 40_000);
  const { platform, db, app } = await benchPlatform();

  const person = DEMO_CITIZENS[0];
  const citizen = await platform.services.identity.loginCitizen({ personalId: person.personalId, fullName: person.fullName, birthdate: person.birthdate, assuranceLevel: 2 }, 'eid', 'bench');
  const officer = await platform.services.identity.passwordLogin('tiepnhan.hongbang', 'MotCua@2026', 'bench');
  const agencies = (await app.inject({ method: 'GET', url: '/api/agencies' })).json() as Array<{ id: string; code: string }>;
  const hongBang = agencies.find((a) => a.code === '000.00.21.H38')!.id;
  const procedure = (await readCatalogueFiles()).flatMap((f) => f.procedures).find((p) => p.key === 'birth-re-registration')!;

  // One real draft with its attachment, through the HTTP API.
  const cHeaders = { cookie: `motcua_session=${citizen.token}`, 'x-csrf-token': citizen.csrfToken };
  const draft = (await app.inject({ method: 'POST', url: '/api/dossiers', headers: cHeaders, payload: { procedure: procedure.key, agencyId: hongBang, data: procedure.sampleData } })).json();
  const boundary = '----motcuabench';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="documentId"\r\n\r\npersonal-records\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const up = await app.inject({ method: 'POST', url: `/api/dossiers/${draft.id}/attachments`, headers: { ...cHeaders, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);

  // Copies of that draft (new ids), with their attachment rows, in bulk.
  const t0 = Date.now();
  const ids = ((await db.execute(sql`
    with src as (select * from dossiers where id = ${draft.id}),
    made as (
      insert into dossiers (id, procedure_id, procedure_version_id, procedure_key, procedure_code, procedure_name, agency_id, agency_code, channel, state,
        national_status, subject_type, subject_id, subject_name, subject_name_folded, owner_account_id, agent_account_id, agent_name, created_by_account_id,
        filed_by_officer, data, step_deadlines, event_count, projection, created_at, updated_at)
      select gen_random_uuid(), procedure_id, procedure_version_id, procedure_key, procedure_code, procedure_name, agency_id, agency_code, channel, state,
        national_status, subject_type, subject_id, subject_name, subject_name_folded, owner_account_id, agent_account_id, agent_name, created_by_account_id,
        filed_by_officer, data, step_deadlines, event_count, projection, created_at, updated_at
      from src, generate_series(1, ${DRAFTS})
      returning id)
    select id from made`)) as unknown as { rows: Array<{ id: string }> }).rows.map((r) => r.id);
  await db.execute(sql`insert into dossier_attachments (dossier_id, document_id, file_name, content_type, size_bytes, sha256, blob_key, uploaded_by_account_id, uploaded_at)
    select d.id, a.document_id, a.file_name, a.content_type, a.size_bytes, a.sha256, a.blob_key, a.uploaded_by_account_id, a.uploaded_at
    from dossier_attachments a, dossiers d where a.dossier_id = ${draft.id} and d.id <> ${draft.id} and d.state = 'draft'`);
  await db.execute(sql`analyze`);
  console.error(`prepared ${ids.length} drafts in ${Date.now() - t0} ms`);

  return { platform, app, db, citizen, officer, ids, procedure };
}
