import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoadingState } from '../components/ui';
import { HomePage } from '../features/home/HomePage';
import { Layout } from './Layout';
import { RequireUser } from './RequireUser';

// Pages beyond the home page load on demand to keep the first load small.
const page = (load: () => Promise<{ default: () => ReactNode }>) => {
  const Component = lazy(load);
  return (
    <Suspense fallback={<LoadingState />}>
      <Component />
    </Suspense>
  );
};

const auth = () => import('../features/auth/pages');
const account = () => import('../features/account/pages');
const admin = () => import('../features/admin/pages');
const dashboard = () => import('../features/dashboard/DashboardPage');
const notFound = () => import('../features/errors/NotFoundPage');
const simulator = () => import('../features/simulator/SimulatorPage');
const simulatorResults = () => import('../features/simulator/ResultsPage');
const dossier = () => import('../features/dossiers/DossierPage');
const documents = () => import('../features/documents/DocumentsPage');
const agenda = () => import('../features/appointments/AgendaPage');
const availability = () => import('../features/appointments/AvailabilityPage');
const messaging = () => import('../features/messaging/MessagesPage');
const notifications = () => import('../features/notifications/NotificationsPage');

export const routes = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'simulateur', element: page(() => simulator().then((m) => ({ default: m.SimulatorPage }))) },
      {
        path: 'simulateur/resultats/:id',
        element: page(() => simulatorResults().then((m) => ({ default: m.ResultsPage }))),
      },
      { path: 'connexion', element: page(() => auth().then((m) => ({ default: m.LoginPage }))) },
      {
        path: 'connexion/code',
        element: page(() => auth().then((m) => ({ default: m.SecondFactorPage }))),
      },
      {
        path: 'connexion/double-authentification',
        element: page(() => auth().then((m) => ({ default: m.EnrolSecondFactorPage }))),
      },
      {
        path: 'conditions-utilisation',
        element: page(() => auth().then((m) => ({ default: m.TermsPage }))),
      },
      { path: 'confidentialite', element: page(() => auth().then((m) => ({ default: m.PrivacyPage }))) },
      { path: 'inscription', element: page(() => auth().then((m) => ({ default: m.ClientSignupPage }))) },
      {
        path: 'inscription/expert',
        element: page(() => auth().then((m) => ({ default: m.ExpertSignupPage }))),
      },
      {
        path: 'mot-de-passe-oublie',
        element: page(() => auth().then((m) => ({ default: m.ForgotPasswordPage }))),
      },
      {
        path: 'reinitialiser-mot-de-passe',
        element: page(() => auth().then((m) => ({ default: m.ResetPasswordPage }))),
      },
      { path: 'verifier-email', element: page(() => auth().then((m) => ({ default: m.VerifyEmailPage }))) },
      {
        element: <RequireUser />,
        children: [
          { path: 'espace', element: page(() => dashboard().then((m) => ({ default: m.DashboardPage }))) },
          { path: 'dossiers/:id', element: page(() => dossier().then((m) => ({ default: m.DossierPage }))) },
          { path: 'agenda', element: page(() => agenda().then((m) => ({ default: m.AgendaPage }))) },
          { path: 'messages', element: page(() => messaging().then((m) => ({ default: m.MessagesPage }))) },
          {
            path: 'notifications',
            element: page(() => notifications().then((m) => ({ default: m.NotificationsPage }))),
          },
          { path: 'compte', element: page(() => account().then((m) => ({ default: m.AccountPage }))) },
        ],
      },
      {
        element: <RequireUser roles={['client']} />,
        children: [
          { path: 'documents', element: page(() => documents().then((m) => ({ default: m.DocumentsPage }))) },
        ],
      },
      {
        element: <RequireUser roles={['expert']} />,
        children: [
          {
            path: 'agenda/disponibilites',
            element: page(() => availability().then((m) => ({ default: m.AvailabilityPage }))),
          },
        ],
      },
      {
        element: <RequireUser roles={['admin']} />,
        children: [
          {
            path: 'admin/experts',
            element: page(() => admin().then((m) => ({ default: m.AdminExpertsPage }))),
          },
          {
            path: 'admin/experts/:id',
            element: page(() => admin().then((m) => ({ default: m.AdminExpertPage }))),
          },
          {
            path: 'admin/produits',
            element: page(() => admin().then((m) => ({ default: m.AdminProductsPage }))),
          },
          {
            path: 'admin/modeles',
            element: page(() => admin().then((m) => ({ default: m.AdminTemplatesPage }))),
          },
          {
            path: 'admin/clients',
            element: page(() => admin().then((m) => ({ default: m.AdminClientsPage }))),
          },
          {
            path: 'admin/journal',
            element: page(() => admin().then((m) => ({ default: m.AdminAuditPage }))),
          },
          {
            path: 'admin/emails',
            element: page(() => admin().then((m) => ({ default: m.AdminOutboxPage }))),
          },
        ],
      },
      { path: '*', element: page(() => notFound().then((m) => ({ default: m.NotFoundPage }))) },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
