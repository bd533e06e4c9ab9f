import type { CitizenRecord } from './citizen-directory';

/**
 * Server-rendered pages of the built-in e-ID provider: login, consent, errors, logout. Vietnamese by default,
 * English with `lang=en`. Accessible: labelled fields, error summary linking to each field and the message next to
 * it, visible focus, no script.
 */
export type Lang = 'vi' | 'en';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const T = {
  vi: {
    service: 'Định danh điện tử — bản trình diễn',
    switchLang: 'English',
    switchLangCode: 'en',
    loginTitle: 'Đăng nhập bằng tài khoản định danh điện tử',
    loginLead: (client: string) => `để sử dụng ${client}`,
    personalId: 'Số định danh cá nhân',
    personalIdHint: 'Gồm 12 chữ số, in trên thẻ căn cước của bạn.',
    password: 'Mật khẩu',
    signIn: 'Đăng nhập',
    cancel: 'Hủy, quay lại',
    errorSummary: 'Có lỗi cần sửa',
    personalIdMissing: 'Nhập số định danh cá nhân.',
    personalIdFormat: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
    passwordMissing: 'Nhập mật khẩu.',
    badCredentials: 'Số định danh cá nhân hoặc mật khẩu không đúng.',
    demoTitle: 'Đây là nhà cung cấp định danh trình diễn, không phải VNeID',
    demoLead: (pw: string) => `Dùng một công dân mẫu dưới đây với mật khẩu ${pw}. Dữ liệu là giả lập, không thuộc về ai.`,
    demoName: 'Họ và tên',
    demoLevel: 'Mức định danh',
    level: (n: number) => `Mức ${n}`,
    consentTitle: 'Cho phép chia sẻ thông tin',
    consentLead: (client: string) => `${client} đề nghị được nhận các thông tin sau về bạn từ hệ thống định danh điện tử:`,
    consentFor: (name: string) => `Bạn đang đăng nhập với tên ${name}.`,
    allow: 'Đồng ý chia sẻ',
    deny: 'Không đồng ý',
    claims: {
      personal_id: 'Số định danh cá nhân',
      name: 'Họ, chữ đệm và tên',
      birthdate: 'Ngày, tháng, năm sinh',
      acr: 'Mức độ định danh điện tử (mức 1 hoặc mức 2)',
      sub: 'Mã định danh tài khoản',
    } as Record<string, string>,
    errorTitle: 'Không thể tiếp tục đăng nhập',
    expired: 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng quay lại cổng dịch vụ công và đăng nhập lại.',
    technical: 'Chi tiết kỹ thuật',
    logoutTitle: 'Đăng xuất',
    logoutQuestion: 'Bạn có muốn đăng xuất khỏi hệ thống định danh điện tử không?',
    logoutYes: 'Đăng xuất',
    logoutNo: 'Giữ đăng nhập',
    loggedOut: 'Bạn đã đăng xuất khỏi hệ thống định danh điện tử.',
  },
  en: {
    service: 'Electronic identity — demonstration',
    switchLang: 'Tiếng Việt',
    switchLangCode: 'vi',
    loginTitle: 'Sign in with your electronic identity',
    loginLead: (client: string) => `to use ${client}`,
    personalId: 'Personal identification number',
    personalIdHint: '12 digits, printed on your citizen identity card.',
    password: 'Password',
    signIn: 'Sign in',
    cancel: 'Cancel and go back',
    errorSummary: 'There is a problem',
    personalIdMissing: 'Enter your personal identification number.',
    personalIdFormat: 'The personal identification number must be exactly 12 digits.',
    passwordMissing: 'Enter your password.',
    badCredentials: 'The personal identification number or the password is wrong.',
    demoTitle: 'This is a demonstration identity provider, not VNeID',
    demoLead: (pw: string) => `Use one of the demo citizens below with the password ${pw}. The data is synthetic and belongs to nobody.`,
    demoName: 'Full name',
    demoLevel: 'Assurance level',
    level: (n: number) => `Level ${n}`,
    consentTitle: 'Share your information',
    consentLead: (client: string) => `${client} asks to receive the following information about you from the electronic identity system:`,
    consentFor: (name: string) => `You are signing in as ${name}.`,
    allow: 'Allow',
    deny: 'Do not allow',
    claims: {
      personal_id: 'Personal identification number',
      name: 'Full name',
      birthdate: 'Date of birth',
      acr: 'Electronic identity assurance level (1 or 2)',
      sub: 'Account identifier',
    } as Record<string, string>,
    errorTitle: 'The sign-in cannot continue',
    expired: 'The sign-in has expired or is not valid. Please go back to the public service portal and sign in again.',
    technical: 'Technical detail',
    logoutTitle: 'Sign out',
    logoutQuestion: 'Do you want to sign out of the electronic identity system?',
    logoutYes: 'Sign out',
    logoutNo: 'Stay signed in',
    loggedOut: 'You have signed out of the electronic identity system.',
  },
};

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.0625rem;line-height:1.5;color:#0b0c0c;background:#f3f2f1}
header{background:#a50e0e;color:#fff;padding:.75rem 1rem;display:flex;justify-content:space-between;align-items:center;gap:1rem}
header a{color:#fff}
main{max-width:38rem;margin:1.5rem auto;background:#fff;padding:1.5rem;border-radius:4px}
h1{font-size:1.6rem;margin:0 0 .5rem}
h2{font-size:1.2rem}
label{display:block;font-weight:700;margin-top:1rem}
.hint{color:#505a5f;margin:.15rem 0 .35rem}
input[type=text],input[type=password]{width:100%;font-size:1.1rem;padding:.5rem;border:2px solid #0b0c0c;border-radius:0}
.field-error input{border-color:#d4351c;border-width:3px}
.error-message{color:#d4351c;font-weight:700;margin:.25rem 0}
.error-summary{border:4px solid #d4351c;padding:1rem;margin-bottom:1rem}
.error-summary a{color:#d4351c;font-weight:700}
button{font-size:1.1rem;padding:.6rem 1.2rem;margin:1.25rem .75rem 0 0;border:0;border-radius:0;cursor:pointer;background:#00703c;color:#fff;box-shadow:0 2px 0 #002d18}
button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
.demo{background:#fff7d6;border-left:6px solid #ffdd00;padding:.75rem 1rem;margin-top:1.75rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid #b1b4b6}
ul.claims li{margin:.25rem 0}
`;

function layout(lang: Lang, title: string, body: string, switchHref?: string): string {
  const t = T[lang];
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — ${esc(t.service)}</title>
<style>${CSS}</style>
</head>
<body>
<header><span>${esc(t.service)}</span>${switchHref ? `<a href="${esc(switchHref)}" lang="${t.switchLangCode}" hreflang="${t.switchLangCode}">${esc(t.switchLang)}</a>` : ''}</header>
<main id="main">
${body}
</main>
</body>
</html>`;
}

export interface LoginPageInput {
  lang: Lang;
  uid: string;
  clientName: string;
  personalId?: string;
  errors?: { personalId?: 'missing' | 'format'; password?: 'missing'; form?: 'bad_credentials' };
  demoCitizens: readonly CitizenRecord[];
  demoPassword: string | null;
  basePath: string;
}

export function loginPage(i: LoginPageInput): string {
  const t = T[i.lang];
  const e = i.errors ?? {};
  const pidError = e.personalId === 'missing' ? t.personalIdMissing : e.personalId === 'format' ? t.personalIdFormat : e.form === 'bad_credentials' ? t.badCredentials : null;
  const pwError = e.password === 'missing' ? t.passwordMissing : null;
  const summary = [pidError && `<li><a href="#personalId">${esc(pidError)}</a></li>`, pwError && `<li><a href="#password">${esc(pwError)}</a></li>`].filter(Boolean);
  const action = `${i.basePath}/interaction/${encodeURIComponent(i.uid)}`;
  const demo = i.demoPassword
    ? `<section class="demo" aria-labelledby="demo-title">
<h2 id="demo-title">${esc(t.demoTitle)}</h2>
<p>${esc(t.demoLead(i.demoPassword))}</p>
<table><thead><tr><th scope="col">${esc(t.personalId)}</th><th scope="col">${esc(t.demoName)}</th><th scope="col">${esc(t.demoLevel)}</th></tr></thead><tbody>
${i.demoCitizens.map((c) => `<tr><td>${esc(c.personalId)}</td><td>${esc(c.fullName)}</td><td>${esc(t.level(c.assuranceLevel))}</td></tr>`).join('\n')}
</tbody></table>
</section>`
    : '';
  const body = `${summary.length ? `<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1"><h2 id="error-summary-title">${esc(t.errorSummary)}</h2><ul>${summary.join('')}</ul></div>` : ''}
<h1>${esc(t.loginTitle)}</h1>
<p>${esc(t.loginLead(i.clientName))}</p>
<form method="post" action="${esc(action)}/login" novalidate>
<input type="hidden" name="lang" value="${i.lang}">
<div class="${pidError ? 'field-error' : ''}">
<label for="personalId">${esc(t.personalId)}</label>
<p class="hint" id="personalId-hint">${esc(t.personalIdHint)}</p>
${pidError ? `<p class="error-message" id="personalId-error">${esc(pidError)}</p>` : ''}
<input type="text" id="personalId" name="personalId" inputmode="numeric" autocomplete="username" maxlength="12" spellcheck="false" value="${esc(i.personalId ?? '')}" aria-describedby="personalId-hint${pidError ? ' personalId-error' : ''}"${pidError ? ' aria-invalid="true" autofocus' : ''}>
</div>
<div class="${pwError ? 'field-error' : ''}">
<label for="password">${esc(t.password)}</label>
${pwError ? `<p class="error-message" id="password-error">${esc(pwError)}</p>` : ''}
<input type="password" id="password" name="password" autocomplete="current-password"${pwError ? ' aria-invalid="true" aria-describedby="password-error"' : ''}${pwError && !pidError ? ' autofocus' : ''}>
</div>
<button type="submit">${esc(t.signIn)}</button>
</form>
<form method="post" action="${esc(action)}/abort"><input type="hidden" name="lang" value="${i.lang}"><button type="submit" class="secondary">${esc(t.cancel)}</button></form>
${demo}`;
  return layout(i.lang, t.loginTitle, body, `${action}?lang=${t.switchLangCode}`);
}

export interface ConsentPageInput {
  lang: Lang;
  uid: string;
  clientName: string;
  personName: string;
  claims: string[];
  basePath: string;
}

export function consentPage(i: ConsentPageInput): string {
  const t = T[i.lang];
  const action = `${i.basePath}/interaction/${encodeURIComponent(i.uid)}`;
  const order = Object.keys(t.claims);
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  const items = [...new Set([...i.claims].sort((a, b) => rank(a) - rank(b)).map((c) => t.claims[c] ?? c))];
  const body = `<h1>${esc(t.consentTitle)}</h1>
<p>${esc(t.consentFor(i.personName))}</p>
<p>${esc(t.consentLead(i.clientName))}</p>
<ul class="claims">${items.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>
<form method="post" action="${esc(action)}/confirm"><input type="hidden" name="lang" value="${i.lang}"><button type="submit" autofocus>${esc(t.allow)}</button></form>
<form method="post" action="${esc(action)}/abort"><input type="hidden" name="lang" value="${i.lang}"><button type="submit" class="secondary">${esc(t.deny)}</button></form>`;
  return layout(i.lang, t.consentTitle, body, `${action}?lang=${t.switchLangCode}`);
}

/** `technical` is the provider's own (English) error description, shown under the plain message. */
export function errorPage(lang: Lang, technical?: string): string {
  const t = T[lang];
  const detail = technical ? `<p class="hint">${esc(t.technical)}: <span lang="en">${esc(technical)}</span></p>` : '';
  return layout(lang, t.errorTitle, `<h1>${esc(t.errorTitle)}</h1><p>${esc(t.expired)}</p>${detail}`);
}

/** `form` is the provider's own logout form (with its anti-forgery field); these buttons submit it. */
export function logoutPage(lang: Lang, form: string): string {
  const t = T[lang];
  return layout(
    lang,
    t.logoutTitle,
    `<h1>${esc(t.logoutTitle)}</h1><p>${esc(t.logoutQuestion)}</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>${esc(t.logoutYes)}</button>
<button type="submit" form="op.logoutForm" class="secondary">${esc(t.logoutNo)}</button>`,
  );
}

export function loggedOutPage(lang: Lang): string {
  const t = T[lang];
  return layout(lang, t.logoutTitle, `<h1>${esc(t.logoutTitle)}</h1><p>${esc(t.loggedOut)}</p>`);
}
