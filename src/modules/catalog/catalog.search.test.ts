import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startTestPlatform, type TestPlatform } from '../../../test/support/platform';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const search = async (q: string, extra = '') => {
  const res = await p.anonymous().get(`/api/procedures/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Array<{ name: { vi: string }; nationalCode: string | null; highlight: { html: string }; field: string }>;
};

/** Queries typed without diacritics, as citizens type on a phone, and the procedure that must rank first. */
const RELEVANCE: Array<[query: string, expectedFirst: string]> = [
  ['dang ky khai sinh', 'Đăng ký khai sinh'],
  ['khai sinh ket hop nhan cha me con', 'Đăng ký khai sinh kết hợp nhận cha, mẹ, con'],
  ['dang ky lai khai sinh', 'Đăng ký lại khai sinh'],
  ['ket hon', 'Đăng ký kết hôn'],
  ['khai tu', 'Đăng ký khai tử'],
  ['giam ho', 'Đăng ký giám hộ'],
  ['xac nhan tinh trang hon nhan', 'Cấp Giấy xác nhận tình trạng hôn nhân'],
  ['trich luc ho tich', 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh'],
  ['cai chinh ho tich', 'Thay đổi, cải chính, bổ sung thông tin hộ tịch'],
  ['dang ky thuong tru', 'Đăng ký thường trú'],
  ['dang ky tam tru', 'Đăng ký tạm trú'],
  ['gia han tam tru', 'Gia hạn tạm trú'],
  ['chung thuc ban sao', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản'],
  ['chung thuc chu ky', 'Chứng thực chữ ký trong giấy tờ, văn bản'],
  ['cap giay phep xay dung', 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ'],
  ['gia han giay phep xay dung', 'Gia hạn giấy phép xây dựng'],
  ['thanh lap ho kinh doanh', 'Đăng ký thành lập hộ kinh doanh'],
  ['ly lich tu phap', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam'],
  ['doi giay phep lai xe', 'Đổi giấy phép lái xe'],
  ['tro cap that nghiep', 'Giải quyết hưởng trợ cấp thất nghiệp'],
  ['an toan thuc pham', 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống'],
  ['chi phi mai tang', 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội'],
  ['xac nhan khuyet tat', 'Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật'],
];

describe('full-text search without diacritics', () => {
  it.each(RELEVANCE)('"%s" ranks "%s" first', async (q, expected) => {
    const items = await search(q);
    expect(items[0]?.name.vi, `got: ${items.map((i) => i.name.vi).join(' | ')}`).toBe(expected);
  });

  it('finds the same with or without diacritics, upper case, and đ typed as d', async () => {
    const a = await search('Đăng ký khai sinh');
    const b = await search('DANG KY KHAI SINH');
    expect(a[0].name.vi).toBe('Đăng ký khai sinh');
    expect(b[0].name.vi).toBe('Đăng ký khai sinh');
  });

  it('matches the last word as a prefix for type-ahead', async () => {
    expect((await search('dang ky ket h'))[0].name.vi).toBe('Đăng ký kết hôn');
    expect((await search('chung th'))[0].name.vi).toMatch(/^Chứng thực/);
  });

  it('finds a procedure by its national code', async () => {
    const all = (await p.anonymous().get('/api/procedures?limit=200')).json().items as any[];
    const withCode = all.find((x) => x.nationalCode);
    expect((await search(withCode.nationalCode))[0].nationalCode).toBe(withCode.nationalCode);
  });

  it('highlights the matched words of the Vietnamese name, as safe HTML', async () => {
    const [first] = await search('cap giay phep xay dung');
    expect(first.highlight.html).toContain('<mark>giấy</mark> <mark>phép</mark> <mark>xây</mark> <mark>dựng</mark>');
  });

  it('answers an unmatched query with no results, and refuses an empty one', async () => {
    expect(await search('zzzz qqqq')).toEqual([]);
    expectProblem(await p.anonymous().get('/api/procedures/search?q='), 400);
  });

  it('ranks through GET /api/procedures?q= as well, with filters', async () => {
    const res = (await p.anonymous().get(`/api/procedures?q=${encodeURIComponent('dang ky')}&field=residence`)).json();
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.every((i: any) => i.field === 'residence')).toBe(true);
  });
});
