import type { ReactNode } from 'react';
import { useI18n, type Lang } from '../i18n';
import { Link, navigate, useLocation } from './router';
import { eidLoginUrl, hasRole, useSession } from './session';
import type { MessageKey } from '../i18n/vi';
import { NotificationBell } from '../notify/Bell';

export type Area = 'citizen' | 'officer' | 'admin';

export function areaOf(pathname: string): Area {
  if (pathname.startsWith('/can-bo')) return 'officer';
  if (pathname.startsWith('/quan-tri')) return 'admin';
  return 'citizen';
}

const NAV: Record<Area, { to: string; key: MessageKey; match: RegExp }[]> = {
  citizen: [
    { to: '/', key: 'nav.procedures', match: /^\/($|thu-tuc|linh-vuc|su-kien|tim-kiem)/ },
    { to: '/ho-so', key: 'nav.myDossiers', match: /^\/ho-so/ },
    { to: '/tra-cuu', key: 'nav.lookup', match: /^\/tra-cuu/ },
  ],
  officer: [
    { to: '/can-bo', key: 'nav.inbox', match: /^\/can-bo(\/ho-so.*)?$/ },
    { to: '/can-bo/tiep-nhan', key: 'nav.counter', match: /^\/can-bo\/tiep-nhan/ },
    { to: '/can-bo/tim-kiem', key: 'nav.search', match: /^\/can-bo\/tim-kiem/ },
    { to: '/can-bo/phan-anh', key: 'nav.petitions', match: /^\/can-bo\/phan-anh/ },
    { to: '/can-bo/doi-soat', key: 'nav.reconciliation', match: /^\/can-bo\/doi-soat/ },
    { to: '/can-bo/thong-ke', key: 'nav.stats', match: /^\/can-bo\/thong-ke/ },
    { to: '/can-bo/hop', key: 'nav.meetings', match: /^\/can-bo\/hop/ },
    { to: '/can-bo/kiem-tra', key: 'nav.inspections', match: /^\/can-bo\/kiem-tra/ },
    { to: '/can-bo/lien-thong', key: 'nav.exchange', match: /^\/can-bo\/lien-thong/ },
  ],
  admin: [
    { to: '/quan-tri/thu-tuc', key: 'nav.adminProcedures', match: /^\/quan-tri(\/thu-tuc.*)?$/ },
    { to: '/quan-tri/co-quan', key: 'nav.adminAgencies', match: /^\/quan-tri\/co-quan/ },
    { to: '/quan-tri/nguoi-dung', key: 'nav.adminUsers', match: /^\/quan-tri\/nguoi-dung/ },
    { to: '/quan-tri/ngay-nghi', key: 'nav.adminHolidays', match: /^\/quan-tri\/ngay-nghi/ },
    { to: '/quan-tri/thong-bao', key: 'nav.adminNotify', match: /^\/quan-tri\/thong-bao/ },
    { to: '/quan-tri/thanh-toan', key: 'nav.adminPayments', match: /^\/quan-tri\/thanh-toan/ },
    { to: '/quan-tri/hoi-dap', key: 'nav.adminFaq', match: /^\/quan-tri\/hoi-dap/ },
    { to: '/quan-tri/nhat-ky', key: 'nav.adminAudit', match: /^\/quan-tri\/nhat-ky/ },
    { to: '/quan-tri/trao-doi', key: 'nav.adminExchange', match: /^\/quan-tri\/trao-doi/ },
  ],
};

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const item = (l: Lang, label: string) => (
    <li>
      <button type="button" lang={l} aria-pressed={lang === l} onClick={() => setLang(l)}>
        {label}
      </button>
    </li>
  );
  return (
    <ul className="lang-switch" aria-label={t('lang.switch')}>
      {item('vi', 'Tiếng Việt')}
      {item('en', 'English')}
    </ul>
  );
}

function UserTools({ area }: { area: Area }) {
  const { session, loading, logout } = useSession();
  const { t } = useI18n();
  const loc = useLocation();
  if (loading) return null;
  if (!session) {
    if (area === 'citizen') {
      return (
        <a className="header-user" href={eidLoginUrl(loc.pathname + loc.search)}>
          {t('auth.signIn')}
        </a>
      );
    }
    return (
      <Link className="header-user" to="/can-bo/dang-nhap">
        {t('auth.officerSignIn')}
      </Link>
    );
  }
  const onLogout = async () => {
    await logout();
    navigate(area === 'citizen' ? '/' : '/can-bo/dang-nhap');
  };
  return (
    <span className="header-user">
      {session.kind === 'citizen' ? (
        <span>{session.displayName}</span>
      ) : (
        <Link to="/can-bo/phien-dang-nhap" title={t('nav.sessions')}>
          {session.displayName}
        </Link>
      )}
      {' · '}
      {session.kind === 'officer' ? (
        <>
          <Link to="/can-bo/bao-mat">{t('auth.security')}</Link>
          {' · '}
        </>
      ) : null}
      <button type="button" className="link-button" onClick={() => void onLogout()}>
        {t('auth.signOut')}
      </button>
    </span>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { session } = useSession();
  const loc = useLocation();
  const area = areaOf(loc.pathname);
  const nav = NAV[area].filter((n) =>
    area === 'admin'
      ? // An inspector (thanh tra) without an administrator's role sees the audit log only.
        // The FAQ is the platform administrator's.
        n.to === '/quan-tri/hoi-dap'
        ? hasRole(session, 'platform_admin')
        : n.to === '/quan-tri/nhat-ky' || hasRole(session, 'platform_admin', 'agency_admin') || !hasRole(session, 'inspector')
      : area !== 'officer' || (n.to === '/can-bo/tiep-nhan' ? hasRole(session, 'receiving_officer') : n.to === '/can-bo/doi-soat' ? hasRole(session, 'receiving_officer', 'agency_admin') : n.to === '/can-bo/thong-ke' ? hasRole(session, 'approver', 'agency_admin', 'inspector', 'platform_admin') : true),
  );
  const showNav = !(area !== 'citizen' && !session);
  return (
    <>
      <a
        href="#main"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          const main = document.getElementById('main');
          main?.focus();
          main?.scrollIntoView();
        }}
      >
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={area === 'citizen' ? '/' : area === 'officer' ? '/can-bo' : '/quan-tri'} className="brand">
            <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="6" fill="#ffffff" />
              <path d="M16 5l2.6 7.9H27l-6.8 4.9 2.6 8-6.8-4.9-6.8 4.9 2.6-8L5 12.9h8.4z" fill="#9e1b1b" />
            </svg>
            <span>{area === 'citizen' ? t('app.name') : area === 'officer' ? t('app.officerName') : t('app.adminName')}</span>
          </Link>
          <div className="header-tools">
            <LanguageSwitch />
            {session && area !== 'admin' && (area === 'citizen') === (session.kind === 'citizen') ? <NotificationBell area={area} /> : null}
            <UserTools area={area} />
          </div>
          {showNav ? (
            <nav className="site-nav" aria-label={t('nav.main')}>
              <ul>
                {nav.map((n) => (
                  <li key={n.to}>
                    <Link to={n.to} aria-current={n.match.test(loc.pathname) ? 'page' : undefined}>
                      {t(n.key)}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </div>
      </header>
      <div className="phase-banner">
        <p>
          <strong className="tag">{t('app.phase')}</strong> {t('app.phaseText')}
        </p>
      </div>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <h2 className="visually-hidden">{t('footer.title')}</h2>
          <ul>
            <li>
              <Link to="/tra-cuu">{t('nav.lookup')}</Link>
            </li>
            <li>
              <Link to="/xac-thuc">{t('footer.verify')}</Link>
            </li>
            <li>
              <Link to="/tro-ly">{t('footer.assistant')}</Link>
            </li>
            <li>
              <Link to="/hoi-dap">{t('footer.faq')}</Link>
            </li>
            <li>
              <Link to="/phan-anh">{t('footer.petition')}</Link>
            </li>
            <li>
              <Link to="/du-lieu-mo">{t('opendata.footer')}</Link>
            </li>
            <li>
              <Link to="/can-bo">{t('footer.officers')}</Link>
            </li>
            <li>
              <Link to="/quan-tri">{t('footer.admin')}</Link>
            </li>
            <li>
              <a href="/api/docs">{t('footer.api')}</a>
            </li>
          </ul>
          <p className="secondary-text">{t('footer.licence')}</p>
        </div>
      </footer>
    </>
  );
}
