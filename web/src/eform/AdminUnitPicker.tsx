/** Administrative unit picker: province (tỉnh, thành phố) then commune (xã, phường, đặc khu); the value is the 5-digit commune code. */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { AdminUnit } from '../api/types';
import { useI18n } from '../i18n';
import { compareVi } from '@shared/text/fold';

let provinces: Promise<AdminUnit[]> | null = null;
const communes = new Map<string, Promise<AdminUnit[]>>();
const provinceOfCode = new Map<string, Promise<string | null>>();

function loadProvinces(): Promise<AdminUnit[]> {
  provinces ??= api.get<AdminUnit[]>('/api/geography/provinces').catch((e) => {
    provinces = null;
    throw e;
  });
  return provinces;
}

function loadCommunes(province: string): Promise<AdminUnit[]> {
  let p = communes.get(province);
  if (!p) {
    p = api.get<AdminUnit[]>(`/api/geography/provinces/${province}/communes`).catch((e) => {
      communes.delete(province);
      throw e;
    });
    communes.set(province, p);
  }
  return p;
}

function provinceOf(code: string): Promise<string | null> {
  let p = provinceOfCode.get(code);
  if (!p) {
    p = api
      .get<{ current: AdminUnit | null }>(`/api/geography/units/${code}`)
      .then((u) => u.current?.provinceCode ?? null)
      .catch(() => null);
    provinceOfCode.set(code, p);
  }
  return p;
}

/** The unit's name in the current language (English names where the list has them). */
export function unitName(u: AdminUnit, lang: 'vi' | 'en'): string {
  return lang === 'en' && u.fullNameEn ? u.fullNameEn : u.fullName;
}

/** Looks up the display name of a commune code (for check-your-answers pages). */
export function useUnitName(code: unknown): string | null {
  const { lang } = useI18n();
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (typeof code !== 'string' || !/^\d{5}$/.test(code)) {
      setName(null);
      return;
    }
    let live = true;
    provinceOf(code)
      .then(async (prov) => {
        if (!prov) return null;
        const [list, provs] = await Promise.all([loadCommunes(prov), loadProvinces()]);
        const c = list.find((u) => u.code === code);
        const p = provs.find((u) => u.code === prov);
        return c ? `${unitName(c, lang)}${p ? `, ${unitName(p, lang)}` : ''}` : null;
      })
      .then((n) => live && setName(n))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code, lang]);
  return name;
}

export function AdminUnitPicker({
  id,
  value,
  onChange,
  invalid,
  describedBy,
  disabled,
}: {
  id: string;
  value: string;
  onChange(code: string): void;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
}) {
  const { t, lang } = useI18n();
  const [provinceList, setProvinceList] = useState<AdminUnit[]>([]);
  const [province, setProvince] = useState('');
  const [communeList, setCommuneList] = useState<AdminUnit[]>([]);
  const [loadingCommunes, setLoadingCommunes] = useState(false);

  useEffect(() => {
    loadProvinces()
      .then((l) => setProvinceList([...l].sort((a, b) => compareVi(a.name, b.name))))
      .catch(() => setProvinceList([]));
  }, []);

  // An existing answer: find its province once.
  useEffect(() => {
    if (value && !province) {
      provinceOf(value).then((p) => p && setProvince(p));
    }
  }, [value, province]);

  useEffect(() => {
    if (!province) {
      setCommuneList([]);
      return;
    }
    let live = true;
    setLoadingCommunes(true);
    loadCommunes(province)
      .then((l) => live && setCommuneList(l))
      .catch(() => live && setCommuneList([]))
      .finally(() => live && setLoadingCommunes(false));
    return () => {
      live = false;
    };
  }, [province]);

  return (
    <div className="two-cols">
      <div>
        <label htmlFor={id}>{t('unit.province')}</label>
        <select
          id={id}
          value={province}
          disabled={disabled}
          className={invalid && !province ? 'input--error' : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid && !province ? true : undefined}
          onChange={(e) => {
            setProvince(e.target.value);
            onChange('');
          }}
        >
          <option value="">{t('unit.chooseProvince')}</option>
          {provinceList.map((p) => (
            <option key={p.code} value={p.code}>
              {unitName(p, lang)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-commune`}>{t('unit.commune')}</label>
        <select
          id={`${id}-commune`}
          value={value}
          disabled={disabled || !province || loadingCommunes}
          className={invalid && province ? 'input--error' : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid && province ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{province ? (loadingCommunes ? t('common.loading') : t('unit.chooseCommune')) : t('unit.provinceFirst')}</option>
          {communeList.map((c) => (
            <option key={c.code} value={c.code}>
              {unitName(c, lang)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
