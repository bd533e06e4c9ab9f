import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { FIELD_LABELS, fieldLabel } from './field-labels';

/**
 * Validation messages in plain words that name the field (issue 10, item 11): every property of every request in
 * the API document has a Vietnamese and an English name, and a refused request says which fields, by those names.
 */
let p: TestPlatform;
let doc: any;
beforeAll(async () => {
  p = await startTestPlatform({ demo: false });
  doc = (await p.anonymous().get('/api/openapi.json')).json();
});
afterAll(() => p.close());

/** The property names of the requests (path, query and header parameters, bodies at every depth). */
function requestNames(): Map<string, string> {
  const names = new Map<string, string>();
  const walk = (s: any, where: string, depth = 0) => {
    if (!s || typeof s !== 'object' || depth > 15) return;
    if (typeof s.$ref === 'string') walk(doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')], where, depth + 1);
    for (const [k, v] of Object.entries<any>(s.properties ?? {})) {
      if (!names.has(k)) names.set(k, where);
      walk(v, where, depth + 1);
    }
    for (const key of ['items', 'additionalProperties', 'not']) if (s[key] && typeof s[key] === 'object') walk(s[key], where, depth + 1);
    for (const key of ['anyOf', 'oneOf', 'allOf']) for (const x of s[key] ?? []) walk(x, where, depth + 1);
  };
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const prm of op.parameters ?? []) if (!names.has(prm.name)) names.set(prm.name, where);
      for (const c of Object.values<any>(op.requestBody?.content ?? {})) walk(c.schema, where);
    }
  }
  return names;
}

describe('names of request fields', () => {
  it('has a Vietnamese and an English name for every field of every request', () => {
    const names = requestNames();
    expect(names.size).toBeGreaterThan(100);
    const missing = [...names].filter(([n]) => !FIELD_LABELS[n]).map(([n, where]) => `${n} (${where})`);
    expect(missing, 'add these to src/platform/http/field-labels.ts').toEqual([]);
    for (const [n, label] of Object.entries(FIELD_LABELS)) expect(label.vi.trim() && label.en.trim(), n).toBeTruthy();
  });

  it('names nested fields, translations and items of lists', () => {
    expect(fieldLabel('reason', 'vi')).toBe('Lý do');
    expect(fieldLabel('title.vi', 'vi')).toBe('Tiêu đề (bản tiếng Việt)');
    expect(fieldLabel('grants[1].role', 'vi')).toBe('Vai trò (mục 2)');
    expect(fieldLabel('grants[1].role', 'en')).toBe('Role (item 2)');
    expect(fieldLabel('body', 'vi')).toBe('Nội dung gửi lên');
  });
});

describe('validation messages', () => {
  const english = /\b(body|params|querystring|headers|required|invalid|must|format|uuid|string|integer|expected)\b/i;

  it('say in Vietnamese which fields of a body are missing, by name', async () => {
    const res = await p.anonymous().post('/api/auth/login', {});
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('validation_failed');
    expect(problem.details.vi).toBe('Thông tin gửi lên chưa hợp lệ ở: Tên đăng nhập, Mật khẩu.');
    expect(problem.errors.map((e: any) => e.message.vi)).toEqual(['Thiếu thông tin “Tên đăng nhập”.', 'Thiếu thông tin “Mật khẩu”.']);
    expect(problem.errors.map((e: any) => e.field)).toEqual(['username', 'password']);
    expect(problem.errors[0].message.en).toBe('“Username” is missing.');
    for (const e of problem.errors) expect(e.message.vi).not.toMatch(english);
    expect(problem.details.vi).not.toMatch(english);
  });

  it('name a query parameter and a path parameter in words, never the part of the request', async () => {
    const query = (await p.anonymous().get('/api/procedures?limit=nhieu')).json();
    expect(query.details.vi).toBe('Điều kiện tra cứu chưa hợp lệ ở: Số kết quả mỗi trang.');
    expect(query.errors[0].message.vi).toBe('“Số kết quả mỗi trang” phải là một số nguyên.');
    const path = (await p.anonymous().get('/api/calendar/exceptions/hai-nghin')).json();
    expect(path.details.vi).toBe('Địa chỉ trang chưa hợp lệ ở: Năm.');
    expect(path.errors[0].message.vi).toMatch(/^“Năm” phải là một số/);
    for (const pr of [query, path]) {
      expect(pr.details.vi).not.toMatch(english);
      for (const e of pr.errors) expect(e.message.vi).not.toMatch(english);
    }
  });
});
