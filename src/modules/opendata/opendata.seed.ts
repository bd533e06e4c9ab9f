/**
 * The data MotCua publishes itself (dữ liệu MotCua tự công bố), loaded with the demo: the procedure catalogue and
 * the administrative units, as resources that link to the live public API (so they are always current), plus a
 * dataset waiting for review to show the workflow. Run once (skipped when the datasets exist).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client';
import { platformActor } from '../../platform/auth/actor';
import { OpendataService, type Publisher } from './opendata.service';
import { opendataDatasets } from './opendata.schema';
import type { OpendataPorts } from './opendata.ports';

export interface DemoOpendataSources {
  agencies: OpendataPorts['agencies'];
  /** Agency codes: the publisher of the procedure catalogue, of the administrative units, of the draft. */
  codes: { catalogue: string; units: string; draft: string };
  /** The province's administrative unit code (the spatial coverage). */
  provinceCode: string;
  baseUrl: string;
}

const GROUPS = [
  { name: 'hanh-chinh-cong', titleVi: 'Hành chính công', titleEn: 'Public administration', descriptionVi: 'Thủ tục hành chính, dịch vụ công, kết quả giải quyết hồ sơ.', theme: 'GOVE' },
  { name: 'dia-gioi-hanh-chinh', titleVi: 'Địa giới hành chính', titleEn: 'Administrative units', descriptionVi: 'Danh mục và địa giới các đơn vị hành chính.', theme: 'REGI' },
  { name: 'xay-dung-do-thi', titleVi: 'Xây dựng và đô thị', titleEn: 'Construction and urban areas', descriptionVi: 'Quy hoạch, cấp phép xây dựng.', theme: 'ECON' },
];

export async function seedDemoOpendata(db: Db, src: DemoOpendataSources, now = new Date()): Promise<{ datasets: number }> {
  const [have] = await db.select({ id: opendataDatasets.id }).from(opendataDatasets).where(eq(opendataDatasets.name, 'danh-muc-thu-tuc-hanh-chinh'));
  if (have) return { datasets: 0 };
  const svc = new OpendataService(db, { agencies: src.agencies }, src.baseUrl);
  const all = await src.agencies.all();
  const id = (code: string) => all.find((a) => a.code === code)?.id;
  const seed: Publisher = { accountId: '', editAgencies: new Set(), publishAgencies: new Set(), admin: true };
  const actor = platformActor('seed:opendata');
  let n = 0;
  await db.transaction(async (tx) => {
    for (const g of GROUPS) await svc.ensureGroup(tx, g, now);
    const catalogue = id(src.codes.catalogue);
    if (catalogue) {
      await svc.create(
        tx,
        seed,
        actor,
        {
          name: 'danh-muc-thu-tuc-hanh-chinh',
          title: 'Danh mục thủ tục hành chính',
          title_en: 'Catalogue of administrative procedures',
          notes: 'Danh mục các thủ tục hành chính đang áp dụng trên Cổng dịch vụ công MotCua: tên, mã, lĩnh vực, cơ quan thực hiện, thời hạn giải quyết, phí và lệ phí, thành phần hồ sơ. Cập nhật tự động khi danh mục thay đổi.',
          notes_en: 'The administrative procedures in force on the MotCua portal: name, code, field, competent agency, time limit, fees and required documents. Updated automatically when the catalogue changes.',
          owner_org: catalogue,
          tags: ['thủ tục hành chính', 'dịch vụ công', 'một cửa'],
          groups: ['hanh-chinh-cong'],
          license_id: 'cc-by-4.0',
          frequency: 'DAILY',
          temporal_start: '2025-07-01',
          spatial_codes: [src.provinceCode],
          maintainer: 'Văn phòng UBND thành phố',
          maintainer_email: 'dulieumo@haiphong.gov.vn',
          version: '1.0',
          state: 'active',
          resources: [
            { name: 'Danh mục thủ tục (JSON)', description: 'Các thủ tục đang công bố, phiên bản hiện hành.', format: 'JSON', url: `${src.baseUrl}/api/procedures?limit=200`, mimetype: 'application/json' },
            { name: 'API tra cứu thủ tục', description: 'Tìm kiếm thủ tục theo tên, không cần gõ dấu (xem mục API của cổng)', format: 'API', url: `${src.baseUrl}/api/procedures/search` },
          ],
        },
        now,
      );
      n++;
    }
    if (catalogue) {
      await svc.create(
        tx,
        seed,
        actor,
        {
          name: 'thong-ke-ho-so-theo-thang',
          title: 'Thống kê hồ sơ tiếp nhận và giải quyết theo tháng',
          title_en: 'Dossiers received and decided, by month',
          notes: 'Số hồ sơ tiếp nhận, đã giải quyết, đúng hạn và trễ hạn theo tháng, cơ quan, loại hồ sơ và kênh nộp. Ô có giá trị dưới 5 được để trống để không thể suy ra cá nhân. Không có dữ liệu cá nhân.',
          notes_en: 'Dossiers received, decided, on time and late per month, agency, procedure and channel. Cells under 5 are left empty so that no person can be singled out. No personal data.',
          owner_org: catalogue,
          tags: ['thống kê', 'hồ sơ'],
          license_id: 'cc-by-4.0',
          frequency: 'DAILY',
          temporal_start: '2025-07-01',
          spatial_codes: [src.provinceCode],
          maintainer: 'Văn phòng UBND thành phố',
          maintainer_email: 'dulieumo@haiphong.gov.vn',
          state: 'active',
          resources: [
            { name: 'Thống kê hồ sơ (CSV)', format: 'CSV', url: `${src.baseUrl}/api/opendata/statistics/dossiers.csv`, mimetype: 'text/csv' },
            { name: 'Thống kê hồ sơ (JSON)', format: 'JSON', url: `${src.baseUrl}/api/opendata/statistics/dossiers.json`, mimetype: 'application/json' },
          ],
        },
        now,
      );
      n++;
    }
    const units = id(src.codes.units);
    if (units) {
      await svc.create(
        tx,
        seed,
        actor,
        {
          name: 'don-vi-hanh-chinh',
          title: 'Danh mục đơn vị hành chính cấp tỉnh và cấp xã',
          title_en: 'Provinces and communes (administrative units)',
          notes: 'Danh mục 34 đơn vị hành chính cấp tỉnh và các đơn vị cấp xã theo mô hình chính quyền địa phương hai cấp (từ 01/7/2025), theo mã của Tổng cục Thống kê.',
          notes_en: 'The 34 provinces and their communes under the two-level local government (since 1 July 2025), by statistics-office code.',
          owner_org: units,
          tags: ['đơn vị hành chính', 'địa giới', 'mã thống kê'],
          groups: ['dia-gioi-hanh-chinh'],
          license_id: 'cc-by-4.0',
          frequency: 'IRREG',
          temporal_start: '2025-07-01',
          spatial_codes: [src.provinceCode],
          maintainer: 'Sở Nội vụ',
          maintainer_email: 'sonoivu@haiphong.gov.vn',
          state: 'active',
          resources: [{ name: 'Đơn vị hành chính cấp tỉnh (JSON)', format: 'JSON', url: `${src.baseUrl}/api/geography/provinces`, mimetype: 'application/json' }],
        },
        now,
      );
      n++;
    }
    const draft = id(src.codes.draft);
    if (draft) {
      const row = await svc.create(
        tx,
        seed,
        actor,
        {
          name: 'giay-phep-xay-dung',
          title: 'Giấy phép xây dựng đã cấp',
          notes: 'Số giấy phép xây dựng đã cấp theo tháng và xã, phường (không có thông tin cá nhân).',
          owner_org: draft,
          tags: ['xây dựng', 'giấy phép'],
          groups: ['xay-dung-do-thi'],
          frequency: 'MONTHLY',
        },
        now,
      );
      await svc.transition(tx, seed, actor, row.id, 'submit', now);
      n++;
    }
  });
  return { datasets: n };
}
