/**
 * The data MotCua publishes itself (dữ liệu MotCua tự công bố), loaded with the demo: the procedure catalogue and
 * the administrative units, as resources that link to the live public API (so they are always current), plus a
 * dataset waiting for review to show the workflow. Run once (skipped when the datasets exist).
 */
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import { platformActor } from '../../platform/auth/actor';
import { OpendataService, type Publisher } from './opendata.service';
import { opendataDatasets } from './opendata.schema';
import type { OpendataPorts } from './opendata.ports';
import { PlanService, vnDay } from './plan.service';

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
    // The catalogue of databases, as a dataset whose resources are the live export (always current).
    if (catalogue) {
      await svc.create(
        tx,
        seed,
        actor,
        {
          name: 'danh-muc-co-so-du-lieu',
          title: 'Danh mục cơ sở dữ liệu của các cơ quan',
          title_en: 'Catalogue of the agencies’ databases',
          notes: 'Các cơ sở dữ liệu do các cơ quan của Hải Phòng quản lý: loại (quốc gia, dùng chung của bộ, ngành hoặc của tỉnh, nội bộ), cơ quan chủ quản, căn cứ pháp lý, các trường dữ liệu chủ yếu và mức độ chia sẻ (dữ liệu mở, chia sẻ qua nền tảng trao đổi dữ liệu, không chia sẻ). Mỗi bản ghi nêu địa chỉ hệ thống để ghép danh mục của nhiều hệ thống thành bản đồ dữ liệu.',
          notes_en: 'The databases the agencies of the city manage: kind (national, shared by a ministry or the province, internal), the agency in charge, legal basis, main data fields and whether they are open, shared through the data exchange or closed. Each row names its installation so that catalogues of many installations can be merged into a data map.',
          owner_org: catalogue,
          tags: ['cơ sở dữ liệu', 'bản đồ dữ liệu'],
          license_id: 'cc-by-4.0',
          frequency: 'MONTHLY',
          temporal_start: '2025-07-01',
          spatial_codes: [src.provinceCode],
          maintainer: 'Văn phòng UBND thành phố',
          maintainer_email: 'dulieumo@haiphong.gov.vn',
          state: 'active',
          resources: [
            { name: 'Danh mục cơ sở dữ liệu (CSV)', format: 'CSV', url: `${src.baseUrl}/api/opendata/databases.csv`, mimetype: 'text/csv' },
            { name: 'Danh mục cơ sở dữ liệu (JSON)', format: 'JSON', url: `${src.baseUrl}/api/opendata/databases`, mimetype: 'application/json' },
          ],
        },
        now,
      );
      n++;
      await seedDemoPlan(tx, new PlanService(db, { agencies: src.agencies }, src.baseUrl), actor, { city: catalogue, units: id(src.codes.units), construction: id(src.codes.draft) }, now);
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

const DAY = 86_400_000;

/**
 * The city's open-data plan for this year and the catalogue of databases of the city, its home affairs and
 * construction departments. The dates are relative to the seeding day so that the demo always shows items done,
 * one late and one still to come.
 */
async function seedDemoPlan(tx: Tx, plans: PlanService, actor: Actor, ag: { city: string; units?: string; construction?: string }, now: Date): Promise<void> {
  const day = (offset: number) => vnDay(new Date(now.getTime() + offset * DAY));
  const year = Number(vnDay(now).slice(0, 4));
  await plans.createPlan(
    tx,
    actor,
    ag.city,
    year,
    {
      title: `Kế hoạch mở dữ liệu năm ${year} của Ủy ban nhân dân thành phố Hải Phòng`,
      decisionRef: `125/QĐ-UBND`,
      issuedOn: day(-200),
      stages: [
        { key: 'giai-doan-1', name: 'Giai đoạn 1: dữ liệu hành chính công', until: day(-10), minLevel: 3 },
        { key: 'giai-doan-2', name: 'Giai đoạn 2: dữ liệu tra cứu được qua API', until: day(120), minLevel: 4 },
      ],
      items: [
        { datasetName: 'danh-muc-thu-tuc-hanh-chinh', title: 'Danh mục thủ tục hành chính', stage: 'giai-doan-1', due: day(-60) },
        { datasetName: 'thong-ke-ho-so-theo-thang', title: 'Thống kê hồ sơ tiếp nhận và giải quyết theo tháng', stage: 'giai-doan-1', due: day(-30) },
        { datasetName: 'danh-muc-co-so-du-lieu', title: 'Danh mục cơ sở dữ liệu của các cơ quan', stage: 'giai-doan-1', due: day(-30) },
        { datasetName: 'diem-tiep-nhan-ho-so', title: 'Điểm tiếp nhận hồ sơ và giờ làm việc', stage: 'giai-doan-1', due: day(-20) },
        { datasetName: 'ket-qua-danh-gia-chat-luong-phuc-vu', title: 'Kết quả đánh giá chất lượng phục vụ', stage: 'giai-doan-2', due: day(90) },
      ],
    },
    now,
  );
  const databases: { agency?: string; code: string; name: string; nameEn: string; kind: 'national' | 'ministry' | 'province' | 'internal'; owner: string; legalBasis: string; fields: string[]; access: 'open' | 'shared' | 'closed'; datasetName?: string }[] = [
    { agency: ag.city, code: 'csdl-thu-tuc-hanh-chinh', name: 'Cơ sở dữ liệu quốc gia về thủ tục hành chính (phần của thành phố)', nameEn: 'National database of administrative procedures (the city’s part)', kind: 'national', owner: 'Văn phòng Chính phủ', legalBasis: 'Nghị định 63/2010/NĐ-CP về kiểm soát thủ tục hành chính', fields: ['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Cơ quan thực hiện', 'Thời hạn giải quyết', 'Phí, lệ phí'], access: 'open', datasetName: 'danh-muc-thu-tuc-hanh-chinh' },
    { agency: ag.city, code: 'csdl-ho-so-mot-cua', name: 'Cơ sở dữ liệu hồ sơ giải quyết thủ tục hành chính', nameEn: 'Database of administrative dossiers', kind: 'province', owner: 'Ủy ban nhân dân thành phố Hải Phòng', legalBasis: 'Nghị định 61/2018/NĐ-CP và Nghị định 107/2021/NĐ-CP về cơ chế một cửa, một cửa liên thông', fields: ['Mã hồ sơ', 'Thủ tục', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Trạng thái', 'Kênh nộp'], access: 'shared' },
    { agency: ag.units, code: 'csdl-don-vi-hanh-chinh', name: 'Cơ sở dữ liệu đơn vị hành chính', nameEn: 'Database of administrative units', kind: 'province', owner: 'Sở Nội vụ', legalBasis: 'Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025', fields: ['Mã đơn vị', 'Tên đơn vị', 'Cấp', 'Đơn vị cấp trên'], access: 'open', datasetName: 'don-vi-hanh-chinh' },
    { agency: ag.units, code: 'csdl-can-bo-cong-chuc', name: 'Cơ sở dữ liệu cán bộ, công chức, viên chức', nameEn: 'Database of civil servants', kind: 'ministry', owner: 'Bộ Nội vụ', legalBasis: 'Nghị định 47/2020/NĐ-CP về quản lý, kết nối và chia sẻ dữ liệu số của cơ quan nhà nước', fields: ['Họ và tên', 'Chức vụ', 'Đơn vị công tác', 'Ngạch, bậc'], access: 'closed' },
    { agency: ag.construction, code: 'csdl-giay-phep-xay-dung', name: 'Cơ sở dữ liệu cấp phép xây dựng', nameEn: 'Database of building permits', kind: 'internal', owner: 'Sở Xây dựng', legalBasis: 'Luật Xây dựng 2014, sửa đổi 2020', fields: ['Số giấy phép', 'Ngày cấp', 'Xã, phường', 'Loại công trình'], access: 'shared', datasetName: 'giay-phep-xay-dung' },
  ];
  for (const d of databases) {
    if (!d.agency) continue;
    const { agency, ...input } = d;
    await plans.createDatabase(tx, actor, agency, { ...input, datasetName: input.datasetName ?? null }, now);
  }
}
