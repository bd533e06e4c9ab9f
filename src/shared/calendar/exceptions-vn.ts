/**
 * Official holiday decisions for civil servants (cán bộ, công chức, viên chức) of state bodies, as seed data for
 * the administrator-editable exception table. Only what the rules in `holidays.ts` cannot compute is entered:
 * the Tết days and the 2/9 adjacent day as decided, swapped days (hoán đổi ngày làm việc) and ad-hoc days off.
 * Compensation for a holiday on a weekend (e.g. Hùng Kings 2026 on Sunday → Monday 27/4) is computed.
 *
 * Sources were checked against press reports of the decisions (the decisions themselves were not read); each
 * entry says which, and where a point could not be confirmed.
 */
import type { CalendarExceptions } from './holidays';

const VPCP_8726_2024 = 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 (Thủ tướng đồng ý phương án nghỉ Tết Ất Tỵ và các dịp lễ 2025)';
const VPCP_12729_2025 = 'Công văn 12729/VPCP-KGVX ngày 25/12/2025 (nghỉ Tết Dương lịch 2026)';
const BNV_9441_2025 = 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ (nghỉ Tết Âm lịch và Quốc khánh 2026)';
const NQ_80_2026 = 'Nghị quyết 80-NQ/TW ngày 07/01/2026 của Bộ Chính trị (Ngày Văn hóa Việt Nam 24/11)';

export const SEEDED_EXCEPTIONS: CalendarExceptions = Object.freeze({
  2025: {
    // Tết Ất Tỵ: off Sat 25/1 – Sun 2/2/2025 (9 days). The 5 statutory days were Mon 27/1 – Fri 31/1 (28 tháng
    // Chạp – mùng 3), i.e. 2 days before + 3 after, not the default 1 + 4 — which also means no compensation for
    // Saturday 1/2, and no Saturday was worked for Tết. Approved by the Prime Minister in Official Letter
    // 8726/VPCP-KGVX of 26/11/2024 (SGGP English, 27/11/2024, which gives the 27–31/1 split; the
    // 25/1–2/2 block was first proposed by MoLISA in Sept 2024, VGP 17/9/2024).
    tetDays: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
    // Quốc khánh: 1/9 chosen as the adjacent day, off Sat 30/8 – Tue 2/9 (Ministry of Home Affairs announcement of
    // Aug 2025, reported by VNA/SGGP and Việt Nam News 3–4/8/2025; the notice number was not found).
    nationalDayAdjacent: '2025-09-01',
    extraDaysOff: [
      {
        // 30/4–1/5: off Wed 30/4 – Sun 4/5, Friday 2/5 swapped with Saturday 26/4 (VGP 4/3/2025, VietnamPlus).
        // Reported as part of the 2025 plan approved with the Tết decision; the letter was not read for this point.
        date: '2025-05-02',
        reasonVi: 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 26/4/2025)',
        reasonEn: 'Bridging day off for 30 April – 1 May (worked on Saturday 26 April 2025)',
        swappedWith: '2025-04-26',
        legalBasis: VPCP_8726_2024,
      },
    ],
    workingDays: [
      {
        date: '2025-04-26',
        reasonVi: 'Làm bù cho ngày nghỉ thứ Sáu 2/5/2025',
        reasonEn: 'Worked in exchange for Friday 2 May 2025',
        swappedWith: '2025-05-02',
        legalBasis: VPCP_8726_2024,
      },
    ],
    sources: [VPCP_8726_2024, 'Bộ Nội vụ, thông báo nghỉ lễ Quốc khánh 2025 (tháng 8/2025)'],
  },

  2026: {
    // Tết Bính Ngọ: the 5 days are Mon 16/2 – Fri 20/2/2026 (29 tháng Chạp – mùng 4), off Sat 14/2 – Sun 22/2.
    // Same as the default rule; entered explicitly because it is decided (Notice 9441/TB-BNV, 16/10/2025; VNA
    // 17/10/2025, Việt Nam News 17/10/2025, Hải Phòng People's Committee).
    tetDays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    // Quốc khánh: 1/9 (Tue) as the adjacent day, Monday 31/8 swapped with Saturday 22/8 → off Sat 29/8 – Wed 2/9
    // (Notice 9441/TB-BNV).
    nationalDayAdjacent: '2026-09-01',
    extraDaysOff: [
      {
        // Tết Dương lịch: off Thu 1/1 – Sun 4/1/2026, Friday 2/1 swapped with Saturday 10/1 (Official Letter
        // 12729/VPCP-KGVX, 25/12/2025, Deputy PM Phạm Thị Thanh Trà; reported by VietNamNet 26/12/2025).
        date: '2026-01-02',
        reasonVi: 'Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/1/2026)',
        reasonEn: "Bridging day off for New Year's Day (worked on Saturday 10 January 2026)",
        swappedWith: '2026-01-10',
        legalBasis: VPCP_12729_2025,
      },
      {
        date: '2026-08-31',
        reasonVi: 'Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8/2026)',
        reasonEn: 'Bridging day off for National Day (worked on Saturday 22 August 2026)',
        swappedWith: '2026-08-22',
        legalBasis: BNV_9441_2025,
      },
      {
        // Ngày Văn hóa Việt Nam, Tuesday 24/11/2026. Chosen as a paid day off by the Politburo (Resolution
        // 80-NQ/TW, 7/1/2026); Government Resolution 30/NQ-CP (2026) tasks amending Labour Code Art. 112. Whether
        // the amendment or an implementing decision for 2026 is in force could NOT be confirmed: entered as the
        // most plausible reading of the announced policy. Remove via `notOff` if it does not apply.
        date: '2026-11-24',
        reasonVi: 'Ngày Văn hóa Việt Nam (24/11)',
        reasonEn: 'Vietnamese Culture Day (24 November)',
        legalBasis: NQ_80_2026,
      },
    ],
    workingDays: [
      {
        date: '2026-01-10',
        reasonVi: 'Làm bù cho ngày nghỉ thứ Sáu 2/1/2026',
        reasonEn: 'Worked in exchange for Friday 2 January 2026',
        swappedWith: '2026-01-02',
        legalBasis: VPCP_12729_2025,
      },
      {
        date: '2026-08-22',
        reasonVi: 'Làm bù cho ngày nghỉ thứ Hai 31/8/2026',
        reasonEn: 'Worked in exchange for Monday 31 August 2026',
        swappedWith: '2026-08-31',
        legalBasis: BNV_9441_2025,
      },
    ],
    // Hùng Kings 26/4/2026 is a Sunday: Monday 27/4 is compensated by Art. 111(3) (computed; Thanh Niên 23/2/2026).
    // 30/4 (Thu) and 1/5 (Fri): no swap announced.
    sources: [VPCP_12729_2025, BNV_9441_2025, NQ_80_2026],
  },
});
