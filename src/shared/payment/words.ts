/**
 * VND amounts for receipts (biên lai thu phí, lệ phí): the amount in Vietnamese words (số tiền bằng chữ) and in
 * figures with dot thousands separators. Pure, no I/O.
 *
 * Reading rules (cách đọc số thông dụng):
 * - groups of three digits named nghìn, triệu, tỷ; above a tỷ the count of tỷ is read as a number itself
 *   (1 000 000 000 000 → "một nghìn tỷ");
 * - a group that is zero is skipped ("một triệu đồng", "một tỷ không trăm linh năm đồng");
 * - a group after a higher group is read with its hundreds even when they are zero ("hai triệu không trăm linh năm
 *   nghìn đồng");
 * - a zero tens digit before a unit is "linh" ("một trăm linh năm");
 * - tens: "mười" for 1, "<digit> mươi" from 2; units after a tens digit: 1 → "mốt" from 2 tens ("hai mươi mốt",
 *   but "mười một"), 5 → "lăm" ("mười lăm", "hai mươi lăm"), 4 stays "bốn".
 */

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const GROUPS = ['', 'nghìn', 'triệu'];
const BILLION = 1_000_000_000;

function check(n: number): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Số tiền không hợp lệ (phải là số nguyên không âm, đồng) / invalid VND amount (a whole non-negative safe integer): ${String(n)}`);
  }
}

/** One group 0–999; `full` reads the hundreds (and "linh") as inside a longer number. */
function group(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (h > 0 || full) words.push(DIGITS[h], 'trăm');
  if (t === 0) {
    if (u > 0) {
      if (words.length > 0) words.push('linh');
      words.push(DIGITS[u]);
    }
  } else {
    words.push(t === 1 ? 'mười' : `${DIGITS[t]} mươi`);
    if (u === 1 && t >= 2) words.push('mốt');
    else if (u === 5) words.push('lăm');
    else if (u > 0) words.push(DIGITS[u]);
  }
  return words.join(' ');
}

/** 1 ≤ n < 10⁹; `higher`: a higher group (tỷ) comes before. */
function belowBillion(n: number, higher: boolean): string {
  const groups: number[] = [];
  for (let r = n; r > 0; r = Math.floor(r / 1000)) groups.push(r % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) continue;
    words.push(group(g, higher || words.length > 0));
    if (GROUPS[i]) words.push(GROUPS[i]);
  }
  return words.join(' ');
}

/** n ≥ 1, lower case. */
function read(n: number): string {
  if (n < BILLION) return belowBillion(n, false);
  const high = Math.floor(n / BILLION);
  const low = n % BILLION;
  return low === 0 ? `${read(high)} tỷ` : `${read(high)} tỷ ${belowBillion(low, true)}`;
}

/** A whole VND amount in words: 1250000 → "Một triệu hai trăm năm mươi nghìn đồng"; 0 → "Không đồng". */
export function vndInWords(n: number): string {
  check(n);
  const words = n === 0 ? DIGITS[0] : read(n);
  return `${words.charAt(0).toLocaleUpperCase('vi')}${words.slice(1)} đồng`;
}

/** The figures with dot thousands separators: 1250000 → "1.250.000". */
export function groupThousands(n: number): string {
  check(n);
  return String(n).replace(/\B(?=(\d{3})+$)/g, '.');
}

/** 1250000 → "1.250.000 ₫" (a normal space before the đồng sign). */
export function formatVnd(n: number): string {
  return `${groupThousands(n)} ₫`;
}
