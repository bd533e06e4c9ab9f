import { lazy, Suspense } from 'react';
import { Layout, areaOf } from './Layout';
import { useLocation } from './router';
import { Loading } from '../ui/Page';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { CitizenRoutes } from '../citizen/routes';

// The back office and the administration are separate chunks: the citizen pages never download them.
const OfficerApp = lazy(() => import('../officer/OfficerApp'));
const AdminApp = lazy(() => import('../admin/AdminApp'));

export function App() {
  const loc = useLocation();
  const area = areaOf(loc.pathname);
  return (
    <Layout>
      <ErrorBoundary resetKey={loc.pathname}>
        <Suspense fallback={<Loading />}>{area === 'officer' ? <OfficerApp /> : area === 'admin' ? <AdminApp /> : <CitizenRoutes />}</Suspense>
      </ErrorBoundary>
    </Layout>
  );
}
