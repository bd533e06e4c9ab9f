import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseUnitFile, type UnitRecord } from '../geography';
import type { BusinessType, Sex } from './registry.schema';
import { mulberry32 } from '../../shared/random';
import {
  BRANDS,
  ETHNICITIES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MIDDLE_NAMES,
  OLD_STYLE_MIDDLE,
  PROVINCE_CODES_BEFORE_2025,
  regionOf,
  SECTORS,
  SOUTHERN_SPELLING,
  STREETS,
  TAX_PREFIX,
  VILLAGES,
  type Weighted,
} from './registry.names';

/** A person as stored in the population registry (dates YYYY-MM-DD). */
export interface PersonRecord {
  personalId: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  nationality: string;
  ethnicity: string;
  originCommune: string;
  permanentCommune: string;
  permanentStreet: string;
  currentCommune: string;
  currentStreet: string;
  householdId: string;
  idCardIssuedOn: string | null;
  fatherId: string | null;
  motherId: string | null;
  spouseId: string | null;
  marriageRef: string | null;
  vneidLevel: 1 | 2 | null;
}

export interface BusinessRecordFull {
  enterpriseCode: string;
  nameVi: string;
  nameEn: string | null;
  type: BusinessType;
  status: 'active' | 'suspended' | 'dissolved';
  communeCode: string;
  street: string;
  legalRepId: string;
  charterCapital: number;
  businessLines: string[];
  registeredOn: string;
}

export interface GeneratorOptions {
  seed: number;
  /** Province most people live in (2-digit code), e.g. the demo province '31'. */
  focusProvince?: string;
  /** Share of people living in the focus province (0…1). */
  focusShare?: number;
  /** Current administrative units; by default the reference file in seed/admin-units. */
  units?: UnitRecord[];
  /** Personal IDs and enterprise codes that must not be generated (e.g. hand-written demo records). */
  reserved?: Iterable<string>;
  /** The day the data describes (ages, ID cards); fixed so the output does not depend on the clock. */
  referenceDate?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_UNITS_FILE = path.resolve(here, '../../../seed/admin-units/vn-admin-units-2026-07-25.json');
let defaultUnits: UnitRecord[] | null = null;
const loadDefaultUnits = () => (defaultUnits ??= parseUnitFile(fs.readFileSync(DEFAULT_UNITS_FILE, 'utf8')));

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const yearOf = (day: number) => new Date(day * DAY).getUTCFullYear();
const MERGER_DAY = dayOf('2025-07-01');
const CHIP_CARD_START = dayOf('2021-01-01');

/** Small fast deterministic PRNG (mulberry32). */
export const prng = mulberry32;

class Picker<T> {
  private readonly cum: number[] = [];
  private readonly items: T[] = [];
  private total = 0;
  constructor(xs: Weighted<T>) {
    for (const [v, w] of xs) {
      this.total += w;
      this.cum.push(this.total);
      this.items.push(v);
    }
  }
  pick(r: number): T {
    const x = r * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

/**
 * Century/sex digit of a personal ID (Circular 59/2021/TT-BCA Art. 7): 0/1 = born 1900–1999 male/female,
 * 2/3 = 2000–2099, 4/5 = 2100–2199 …
 */
export function centurySexDigit(birthYear: number, sex: Sex): number {
  return Math.floor((birthYear - 1900) / 100) * 2 + (sex === 'female' ? 1 : 0);
}

/** Check digit of a 10-digit enterprise/tax code (weights 31 29 23 19 17 13 7 5 3); null when none is valid. */
export function taxCheckDigit(first9: string): number | null {
  const w = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  let s = 0;
  for (let i = 0; i < 9; i++) s += w[i] * Number(first9[i]);
  const d = 10 - (s % 11);
  return d >= 0 && d <= 9 ? d : null;
}

const ascii = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const STRIDE = 104_729; // prime, coprime with 10^6 and 10^7: counter → serial is a bijection that looks random

/**
 * Deterministic synthetic registry: households (couples with a marriage record, children carrying both parents'
 * IDs, singles), realistic names by region, IDs with the real structure. Everything derives from the seed; memory
 * stays bounded (counters per ID prefix and a bounded sample of adults for business representatives).
 */
export class RegistryGenerator {
  private readonly rnd: () => number;
  private readonly units: UnitRecord[];
  private readonly communesByProvince = new Map<string, UnitRecord[]>();
  private readonly provinceByCommune = new Map<string, string>();
  private readonly provinces: string[];
  private readonly provinceWeights: Picker<string>;
  private readonly focus: string | null;
  private readonly focusShare: number;
  private readonly reserved: Set<string>;
  private readonly ref: number;
  private readonly serials = new Map<string, number>();
  private readonly family = new Picker(FAMILY_NAMES);
  private readonly middle = { male: new Picker(MIDDLE_NAMES.male), female: new Picker(MIDDLE_NAMES.female) };
  private readonly ethnic = new Map(Object.entries(ETHNICITIES).map(([k, v]) => [k, new Picker(v)]));
  private households = 0;
  private marriages = 0;
  /** Reservoir sample of adult IDs (with their commune) to become legal representatives of businesses. */
  private readonly adults: Array<{ id: string; commune: string }> = [];
  private adultsSeen = 0;
  private static readonly ADULT_SAMPLE = 100_000;

  constructor(opts: GeneratorOptions) {
    this.rnd = prng(opts.seed);
    this.units = opts.units ?? loadDefaultUnits();
    for (const u of this.units) {
      if (u.level !== 'commune') continue;
      this.provinceByCommune.set(u.code, u.provinceCode);
      const list = this.communesByProvince.get(u.provinceCode);
      if (list) list.push(u);
      else this.communesByProvince.set(u.provinceCode, [u]);
    }
    this.provinces = [...this.communesByProvince.keys()].sort();
    if (!this.provinces.length) throw new Error('The generator needs administrative units with communes');
    // Outside the focus province, people spread roughly by number of communes.
    this.provinceWeights = new Picker(this.provinces.map((p) => [p, this.communesByProvince.get(p)!.length] as const));
    this.focus = opts.focusProvince && this.communesByProvince.has(opts.focusProvince) ? opts.focusProvince : null;
    this.focusShare = this.focus ? (opts.focusShare ?? 0.8) : 0;
    this.reserved = new Set(opts.reserved ?? []);
    this.ref = dayOf(opts.referenceDate ?? '2026-07-01');
  }

  private r = () => this.rnd();
  private int = (lo: number, hi: number) => lo + Math.floor(this.rnd() * (hi - lo + 1));
  private pick = <T>(xs: readonly T[]) => xs[Math.floor(this.rnd() * xs.length)];

  private province(): string {
    return this.focus && this.r() < this.focusShare ? this.focus : this.provinceWeights.pick(this.r());
  }
  private commune(province: string): UnitRecord {
    return this.pick(this.communesByProvince.get(province)!);
  }
  private street(u: UnitRecord): string {
    return u.unitType === 'Xã' ? `Thôn ${this.r() < 0.5 ? this.pick(VILLAGES) : this.int(1, 15)}` : `Số ${this.int(1, 350)} ${this.pick(STREETS)}`;
  }

  /** 3-digit province of birth registration: mostly where the family lives; the demo province absorbed Hải Dương. */
  private birthProvince(residence: string, birthDay: number): string {
    const x = this.r();
    let p: string;
    if (x < 0.82) p = residence === '31' && birthDay < MERGER_DAY && this.r() < 0.3 ? '30' : residence;
    else p = birthDay < MERGER_DAY ? this.pick(PROVINCE_CODES_BEFORE_2025) : this.pick(this.provinces);
    return `0${p}`;
  }

  /** A personal ID for this birth: province code, century/sex digit, 2-digit year, 6-digit serial unique per prefix. */
  personalId(province3: string, birthDay: number, sex: Sex): string {
    const year = yearOf(birthDay);
    const prefix = `${province3}${centurySexDigit(year, sex)}${String(year % 100).padStart(2, '0')}`;
    for (;;) {
      const n = this.serials.get(prefix) ?? 0;
      if (n >= 1_000_000) throw new Error(`No serials left for prefix ${prefix}`);
      this.serials.set(prefix, n + 1);
      let h = 2_166_136_261;
      for (let i = 0; i < prefix.length; i++) h = Math.imul(h ^ prefix.charCodeAt(i), 16_777_619) >>> 0;
      h %= 1_000_000;
      const id = `${prefix}${String((n * STRIDE + h) % 1_000_000).padStart(6, '0')}`;
      if (!this.reserved.has(id)) return id;
    }
  }

  name(sex: Sex, province: string, birthDay: number, familyName?: string): string {
    const region = regionOf(province);
    let fam = familyName ?? this.family.pick(this.r());
    if (!familyName && (region === 'south' || region === 'highlands' || (region === 'central' && Number(province) >= 48))) fam = SOUTHERN_SPELLING[fam] ?? fam;
    let mid = this.middle[sex].pick(this.r());
    // Văn/Thị fall out of fashion for those born from the 1990s.
    if (OLD_STYLE_MIDDLE.has(mid) && yearOf(birthDay) >= 1990 && this.r() < 0.6) mid = this.middle[sex].pick(this.r());
    let given = this.pick(GIVEN_NAMES[sex]);
    if (given === fam) given = this.pick(GIVEN_NAMES[sex]);
    return mid === given ? `${fam} ${given}` : `${fam} ${mid} ${given}`;
  }

  private ethnicity(province: string): string {
    return this.ethnic.get(regionOf(province))!.pick(this.r());
  }

  /** Chip ID card issue date (from age 14), vneid level; null for children. */
  private idCard(birthDay: number): { idCardIssuedOn: string | null; vneidLevel: 1 | 2 | null } {
    const from = Math.max(CHIP_CARD_START, birthDay + Math.ceil(14 * 365.25));
    if (from >= this.ref || this.r() < 0.06) return { idCardIssuedOn: null, vneidLevel: null };
    const issued = this.int(from, this.ref - 1);
    const v = this.r();
    return { idCardIssuedOn: isoOf(issued), vneidLevel: v < 0.72 ? 2 : v < 0.85 ? 1 : null };
  }

  /** Birth day for an age drawn from a rough population pyramid (0–95). */
  private birthDayForAge(minAge: number, maxAge: number): number {
    const age = minAge + (maxAge - minAge) * Math.pow(this.r(), 1.25);
    return this.ref - Math.floor(age * 365.25) - this.int(0, 364);
  }

  private remember(id: string, commune: string, birthDay: number) {
    if (this.ref - birthDay < 20 * 365) return;
    this.adultsSeen++;
    if (this.adults.length < RegistryGenerator.ADULT_SAMPLE) this.adults.push({ id, commune });
    else {
      const j = Math.floor(this.r() * this.adultsSeen);
      if (j < RegistryGenerator.ADULT_SAMPLE) this.adults[j] = { id, commune };
    }
  }

  /** One household: a couple with 0–4 children (65 %), or one person living alone. */
  household(maxSize = Infinity): PersonRecord[] {
    const province = this.province();
    const home = this.commune(province);
    const permanentStreet = this.street(home);
    const householdId = `${home.code}${String(++this.households).padStart(7, '0')}`;
    const moved = (): { currentCommune: string; currentStreet: string } => {
      if (this.r() >= 0.1) return { currentCommune: home.code, currentStreet: permanentStreet };
      const u = this.commune(this.r() < 0.7 ? province : this.province());
      return { currentCommune: u.code, currentStreet: this.street(u) };
    };
    const ethnicity = this.ethnicity(province);
    const origin = this.r() < 0.75 ? home.code : this.commune(this.provinceWeights.pick(this.r())).code;
    const out: PersonRecord[] = [];
    const person = (sex: Sex, birthDay: number, extra: Partial<PersonRecord> & { familyName?: string; originCommune?: string }): PersonRecord => {
      const id = this.personalId(this.birthProvince(province, birthDay), birthDay, sex);
      const { familyName, ...rest } = extra;
      const p: PersonRecord = {
        personalId: id,
        fullName: this.name(sex, province, birthDay, familyName),
        birthDate: isoOf(birthDay),
        sex,
        nationality: 'VN',
        ethnicity,
        originCommune: origin,
        permanentCommune: home.code,
        permanentStreet,
        ...moved(),
        householdId,
        ...this.idCard(birthDay),
        fatherId: null,
        motherId: null,
        spouseId: null,
        marriageRef: null,
        ...rest,
      };
      this.remember(id, home.code, birthDay);
      return p;
    };

    const wantsFamily = this.r() < 0.65;
    const children = wantsFamily ? Math.min(this.int(0, 4), Math.max(0, maxSize - 2)) : 0;
    if (!wantsFamily || maxSize < 2) {
      const sex: Sex = this.r() < 0.5 ? 'male' : 'female';
      out.push(person(sex, this.birthDayForAge(18, 92), {}));
      return out;
    }
    const husbandBirth = this.birthDayForAge(22, 85);
    const wifeBirth = husbandBirth + this.int(-2 * 365, 7 * 365);
    const marriedOn = Math.min(this.ref - 30, husbandBirth + this.int(22, 32) * 365 + this.int(0, 364));
    const marriageRef = `KH${home.code}-${yearOf(marriedOn)}-${String(++this.marriages).padStart(7, '0')}`;
    const husband = person('male', husbandBirth, { marriageRef });
    const wife = person('female', wifeBirth, { marriageRef, spouseId: husband.personalId });
    husband.spouseId = wife.personalId;
    out.push(husband, wife);
    const fam = husband.fullName.split(' ')[0];
    const lastBirth = Math.min(this.ref - 1, wifeBirth + 45 * 365);
    let from = marriedOn + 300;
    for (let i = 0; i < children && from < lastBirth; i++) {
      const born = Math.min(lastBirth, from + this.int(0, 4 * 365));
      out.push(person(this.r() < 0.51 ? 'male' : 'female', born, { familyName: fam, fatherId: husband.personalId, motherId: wife.personalId, originCommune: husband.originCommune }));
      from = born + 365 + this.int(0, 3 * 365);
    }
    return out;
  }

  /** `count` people, household by household (the last households are singles so the count is exact). */
  *people(count: number): Generator<PersonRecord> {
    let left = count;
    while (left > 0) {
      for (const p of this.household(left)) {
        yield p;
        left--;
      }
    }
  }

  private taxSerials = new Map<string, number>();
  enterpriseCode(province: string): string {
    const prefix = this.pick(TAX_PREFIX[province] ?? [String(10 + (this.provinces.indexOf(province) % 80)).padStart(2, '0')]);
    for (;;) {
      const n = this.taxSerials.get(prefix) ?? 0;
      if (n >= 10_000_000) throw new Error(`No enterprise codes left for prefix ${prefix}`);
      this.taxSerials.set(prefix, n + 1);
      const first9 = `${prefix}${String((n * STRIDE + 1_234_567) % 10_000_000).padStart(7, '0')}`;
      const check = taxCheckDigit(first9);
      const code = `${first9}${check}`;
      if (check !== null && !this.reserved.has(code)) return code;
    }
  }

  /** A business record; the legal representative is drawn from the adults generated so far unless given. */
  business(over: Partial<BusinessRecordFull> = {}): BusinessRecordFull {
    const rep = over.legalRepId ? null : this.adults.length ? this.pick(this.adults) : null;
    const province = rep && this.r() < 0.85 ? (this.provinceByCommune.get(rep.commune) ?? this.province()) : this.province();
    const u = this.commune(province);
    const sector = this.pick(SECTORS);
    const brand = this.pick(BRANDS);
    const t = this.r();
    const type: BusinessType = t < 0.45 ? 'llc_single' : t < 0.7 ? 'llc_multi' : t < 0.9 ? 'jsc' : t < 0.98 ? 'private' : 'partnership';
    const [preVi, postEn] = {
      llc_single: ['Công ty TNHH Một thành viên', 'One Member Company Limited'],
      llc_multi: ['Công ty TNHH', 'Company Limited'],
      jsc: ['Công ty Cổ phần', 'Joint Stock Company'],
      private: ['Doanh nghiệp tư nhân', 'Private Enterprise'],
      partnership: ['Công ty Hợp danh', 'Partnership'],
    }[type];
    const s = this.r();
    const lines = sector.lines.slice(0, this.int(1, sector.lines.length));
    const capital = Math.round(Math.exp(Math.log(5e8) + this.r() * (Math.log(2e11) - Math.log(5e8))) / 1e8) * 1e8;
    return {
      enterpriseCode: this.enterpriseCode(province),
      nameVi: `${preVi} ${sector.vi} ${brand}`,
      nameEn: `${ascii(brand)} ${sector.en} ${postEn}`,
      type,
      status: s < 0.88 ? 'active' : s < 0.95 ? 'suspended' : 'dissolved',
      communeCode: u.code,
      street: this.street(u),
      legalRepId: rep?.id ?? '000000000000',
      charterCapital: type === 'jsc' ? Math.max(capital, 1e10) : capital,
      businessLines: lines,
      registeredOn: isoOf(this.int(dayOf('1995-01-01'), this.ref - 1)),
      ...over,
    };
  }

  *businesses(count: number): Generator<BusinessRecordFull> {
    for (let i = 0; i < count; i++) yield this.business();
  }
}
