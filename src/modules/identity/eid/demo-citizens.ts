import { timingSafeEqual } from 'node:crypto';
import type { CitizenDirectory, CitizenRecord } from './citizen-directory';

/**
 * Synthetic demo citizens for the built-in e-ID provider, most born in the demo province (Hải Phòng, code 031). The
 * numbers follow the real structure (province of birth registration, century/sex digit, year of birth, serial) but
 * belong to nobody. Most hold a level-2 VNeID account;
 * two hold level 1, to show procedures that require level 2 being refused.
 */
export const DEMO_EID_PASSWORD = 'VNeID@2026';

const c = (personalId: string, fullName: string, birthdate: string, assuranceLevel: 1 | 2 = 2): CitizenRecord => ({
  personalId,
  fullName,
  birthdate,
  sex: Number(personalId[3]) % 2 === 0 ? 'male' : 'female',
  assuranceLevel,
});

export const DEMO_CITIZENS: readonly CitizenRecord[] = [
  c('031085001234', 'Nguyễn Văn An', '1985-03-14'),
  c('031190004567', 'Trần Thị Bình', '1990-07-22'),
  c('001078012345', 'Lê Hoàng Cường', '1978-11-02'),
  c('031195007891', 'Phạm Thị Dung', '1995-01-30'),
  c('030082003456', 'Hoàng Minh Đức', '1982-05-09'),
  c('031188002468', 'Vũ Thị Hà', '1988-09-17'),
  c('031201001357', 'Đặng Quốc Huy', '2001-12-05', 1),
  c('036175009876', 'Bùi Thị Lan', '1975-04-25'),
  c('031069005432', 'Đỗ Văn Long', '1969-08-19'),
  c('040192006543', 'Ngô Thị Mai', '1992-02-11'),
  c('031087008765', 'Dương Văn Nam', '1987-06-03'),
  c('031303002222', 'Lý Thị Ngọc', '2003-10-28', 1),
  c('079080011111', 'Phan Thanh Phong', '1980-12-12'),
  c('038198003333', 'Trịnh Thị Quỳnh', '1998-03-08'),
  c('031072004444', 'Mai Xuân Sơn', '1972-07-07'),
  c('031193005555', 'Đinh Thị Thảo', '1993-11-21'),
  c('048084006666', 'Tạ Quang Trung', '1984-01-15'),
  c('046196007777', 'Hồ Thị Uyên', '1996-05-27'),
  c('031065008888', 'Lương Văn Vinh', '1965-09-02'),
  c('027199009999', 'Chu Thị Xuân', '1999-12-31'),
];

/** The demo population: an in-memory CitizenDirectory over DEMO_CITIZENS. */
export class DemoCitizenDirectory implements CitizenDirectory {
  private readonly byId = new Map(DEMO_CITIZENS.map((p) => [p.personalId, p]));

  async findByPersonalId(personalId: string): Promise<CitizenRecord | null> {
    return this.byId.get(personalId) ?? null;
  }

  /** Demo credential check of the built-in provider: every demo citizen shares DEMO_EID_PASSWORD. */
  async checkPassword(personalId: string, password: string): Promise<CitizenRecord | null> {
    const expected = Buffer.from(DEMO_EID_PASSWORD);
    const given = Buffer.from(password.normalize('NFC'));
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    return ok ? (this.byId.get(personalId) ?? null) : null;
  }
}
