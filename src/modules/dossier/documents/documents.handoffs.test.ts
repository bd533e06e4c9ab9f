import { describe, expect, it } from 'vitest';
import type { ActionType } from '../../../shared/dossier';
import { handOffRows, type HandOffNames, type HistoryStep } from './documents.handoffs';
import { vn } from './documents.fixture';

const WARD = 'ward';
const DEPT = 'dept';
const names: HandOffNames = {
  applicant: { unit: 'Tổ chức, cá nhân', person: 'Nguyễn Thị Ánh Tuyết' },
  agencyId: WARD,
  unitOf: (id, oneStop) => (id === DEPT ? 'Sở Tư pháp' : oneStop ? 'Bộ phận Một cửa phường Hạ Long' : 'Ủy ban nhân dân phường Hạ Long'),
  agencyIdByCode: (code) => (code === '000.00.01.H22' ? DEPT : null),
  personOf: (id) => (id === 'acc-specialist' ? 'Lê Thị Hồng Nhung' : undefined),
};

let minute = 0;
const step = (type: ActionType, actorName: string, actorRole: string, extra: Partial<HistoryStep> = {}): HistoryStep => ({
  type,
  at: vn(`2026-11-24T09:${String(minute++).padStart(2, '0')}`),
  actorAccountId: null,
  actorName,
  actorRole,
  agencyId: WARD,
  payload: {},
  stepDueAt: null,
  handOff: null,
  ...extra,
});
const cells = (rows: ReturnType<typeof handOffRows>) => rows.map((r) => [r.from.person ?? '', r.from.unit, r.to.person ?? '', r.to.unit, r.comment]);

describe('process control sheet rows (form 06)', () => {
  it('a specialist who claims an unassigned dossier takes it from the desk; an unanswered consultation goes to the agency', () => {
    const rows = handOffRows(
      [
        step('submit', 'Nguyễn Thị Ánh Tuyết', 'applicant'),
        step('receive', 'Phạm Văn Bình', 'receiving_officer', { stepDueAt: vn('2026-11-24T17:00') }),
        step('comment', 'Phạm Văn Bình', 'receiving_officer'),
        step('start_processing', 'Lê Thị Hồng Nhung', 'specialist'),
        step('request_supplement', 'Lê Thị Hồng Nhung', 'specialist'),
        step('resubmit_supplement', 'Nguyễn Thị Ánh Tuyết', 'applicant'),
        step('request_consultation', 'Lê Thị Hồng Nhung', 'specialist', { payload: { agency: '000.00.01.H22' } }),
      ],
      names,
    );
    expect(cells(rows)).toEqual([
      ['Nguyễn Thị Ánh Tuyết', 'Tổ chức, cá nhân', 'Phạm Văn Bình', 'Bộ phận Một cửa phường Hạ Long', 'Tiếp nhận'],
      ['Phạm Văn Bình', 'Bộ phận Một cửa phường Hạ Long', 'Lê Thị Hồng Nhung', 'Ủy ban nhân dân phường Hạ Long', 'Nhận xử lý'],
      ['Lê Thị Hồng Nhung', 'Ủy ban nhân dân phường Hạ Long', 'Nguyễn Thị Ánh Tuyết', 'Tổ chức, cá nhân', 'Yêu cầu bổ sung hồ sơ'],
      ['Nguyễn Thị Ánh Tuyết', 'Tổ chức, cá nhân', 'Lê Thị Hồng Nhung', 'Ủy ban nhân dân phường Hạ Long', 'Nộp bổ sung'],
      ['Lê Thị Hồng Nhung', 'Ủy ban nhân dân phường Hạ Long', '', 'Sở Tư pháp', 'Xin ý kiến cơ quan khác'],
    ]);
    // Each row keeps its own time and is judged against its own step deadline.
    expect(rows[0]).toMatchObject({ at: vn('2026-11-24T09:01'), stepDueAt: vn('2026-11-24T17:00'), result: 'on_time' });
    expect(rows[1].at).toEqual(vn('2026-11-24T09:03'));
  });

  it('names the assignee from the account and the consulted officer under the consulted agency', () => {
    const rows = handOffRows(
      [
        step('receive', 'Phạm Văn Bình', 'receiving_officer'),
        step('assign', 'Trần Quốc Toản', 'approver', { payload: { assigneeId: 'acc-specialist' } }),
        step('start_processing', 'Lê Thị Hồng Nhung', 'specialist'),
        step('request_consultation', 'Lê Thị Hồng Nhung', 'specialist', { payload: { agency: 'unknown-code' } }),
        step('answer_consultation', 'Đỗ Thị Mai', 'specialist', { agencyId: DEPT }),
      ],
      names,
    );
    expect(cells(rows).slice(1)).toEqual([
      ['Trần Quốc Toản', 'Ủy ban nhân dân phường Hạ Long', 'Lê Thị Hồng Nhung', 'Ủy ban nhân dân phường Hạ Long', 'Phân công'],
      ['Phạm Văn Bình', 'Bộ phận Một cửa phường Hạ Long', 'Lê Thị Hồng Nhung', 'Ủy ban nhân dân phường Hạ Long', 'Nhận xử lý'],
      ['Lê Thị Hồng Nhung', 'Ủy ban nhân dân phường Hạ Long', 'Đỗ Thị Mai', 'Sở Tư pháp', 'Xin ý kiến cơ quan khác'],
      ['Đỗ Thị Mai', 'Sở Tư pháp', 'Lê Thị Hồng Nhung', 'Ủy ban nhân dân phường Hạ Long', 'Trả lời xin ý kiến'],
    ]);
  });
});
