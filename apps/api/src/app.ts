import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyHttpOptions,
  type FastifyInstance,
  LogController,
} from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { DB } from './database';
import { adminRoutes } from './modules/admin/routes';
import { createAdminService } from './modules/admin/service';
import { createAvailabilityService } from './modules/appointments/availability';
import { availabilityRoutes } from './modules/appointments/availability-routes';
import { createCalendarService } from './modules/appointments/calendar';
import { createAppointmentMessenger } from './modules/appointments/notify';
import { sendDueReminders } from './modules/appointments/reminders';
import { createAppointmentsRepository } from './modules/appointments/repository';
import { appointmentsRoutes } from './modules/appointments/routes';
import { createAppointmentsService } from './modules/appointments/service';
import { createCredentialsService } from './modules/auth/credentials';
import { passkeyRoutes } from './modules/auth/passkey-routes';
import { createPasskeyService } from './modules/auth/passkeys';
import { authRoutes } from './modules/auth/routes';
import { createSecondFactorService } from './modules/auth/second-factor';
import { secondFactorRoutes } from './modules/auth/second-factor-routes';
import { createAuthService } from './modules/auth/service';
import { readSessionToken } from './modules/auth/session-cookie';
import { catalogueRoutes } from './modules/catalogue/routes';
import { createCatalogueService } from './modules/catalogue/service';
import { clientsRoutes } from './modules/clients/routes';
import { createClientsService } from './modules/clients/service';
import { DASHBOARD_CACHE_TTL_SECONDS } from './modules/dashboards/cache';
import { sendDeadlineReminders } from './modules/dashboards/deadlines';
import { dashboardRoutes } from './modules/dashboards/routes';
import { createDashboardService } from './modules/dashboards/service';
import { documentsRoutes } from './modules/documents/routes';
import { documentsManageRoutes } from './modules/documents/routes-manage';
import { createDocumentsService } from './modules/documents/service';
import { refreshDossierGauge } from './modules/dossiers/metrics';
import { notificationsSubscriber, timelineSubscriber } from './modules/dossiers/notifications';
import { createDossierReads } from './modules/dossiers/reads';
import { dossiersRoutes } from './modules/dossiers/routes';
import { createDossiersService } from './modules/dossiers/service';
import { createWorkflowService } from './modules/dossiers/workflow';
import { engagementsRoutes } from './modules/engagements/routes';
import { createEngagementsService } from './modules/engagements/service';
import { expertsRoutes } from './modules/experts/routes';
import { createExpertsService } from './modules/experts/service';
import { healthRoutes } from './modules/health/routes';
import { syncPlatformIdentity } from './modules/invoices/identity';
import { createPaTransmission } from './modules/invoices/pa';
import { invoicesRoutes } from './modules/invoices/routes';
import { createInvoicesService } from './modules/invoices/service';
import { ensureNextMessagePartition, notifyUnreadMessages } from './modules/messaging/jobs';
import { messagingRoutes } from './modules/messaging/routes';
import { createMessagingService } from './modules/messaging/service';
import { createFrameHandler } from './modules/messaging/typing';
import { createNotificationDelivery } from './modules/notifications/delivery';
import { createNotificationInbox } from './modules/notifications/inbox';
import { notificationsRoutes } from './modules/notifications/routes';
import { createNotificationsService } from './modules/notifications/service';
import { createAccountDeletion } from './modules/privacy/erasure';
import { createDataExports } from './modules/privacy/exports';
import { enforceRetention } from './modules/privacy/retention';
import { privacyRoutes } from './modules/privacy/routes';
import { simulationsRoutes } from './modules/simulations/routes';
import { createSimulationsService } from './modules/simulations/service';
import { operationsJobs } from './operations/jobs';
import type { Actor } from './platform/auth/actor';
import { registerSessionReuse } from './platform/auth/reused-session';
import { readLastSuccess } from './platform/backup/layout';
import { createCache } from './platform/cache/cache';
import { createChangePipeline } from './platform/changes/pipeline';
import { auditSubscriber, dashboardsSubscriber, realtimeSubscriber } from './platform/changes/subscribers';
import { transactionWithCommitHooks } from './platform/db/commit-hooks';
import type { DatabaseHandle } from './platform/db/database';
import { registerOriginCheck } from './platform/http/csrf';
import { registerErrorHandling } from './platform/http/error-handler';
import { registerRateLimit } from './platform/http/rate-limit';
import { registerRequestLog } from './platform/http/request-log';
import { registerSecurity } from './platform/http/security';
import { createResponseSerializer } from './platform/http/serializer';
import { registerSpa } from './platform/http/spa';
import type { JobScheduler } from './platform/jobs/scheduler';
import { createMailer } from './platform/mail/mailer';
import { registerMetrics } from './platform/metrics/http';
import { backupLastSuccess, websocketConnections } from './platform/metrics/metrics';
import { createLocalHub, type RealtimeHub } from './platform/realtime/hub';
import { registerRealtimeSocket } from './platform/realtime/socket';
import { closeRedis, createRedis } from './platform/redis/client';
import { loadSealCertificate, type SealCertificate } from './platform/signing/seal';
import { createLocalStorage } from './platform/storage/local';
import { createS3Storage } from './platform/storage/s3';

export type AppDeps = {
  config: Config;
  database: DatabaseHandle<DB>;
  logger: FastifyBaseLogger;
  /** Where modules register their recurring jobs; main.ts starts it. */
  scheduler?: JobScheduler<DB>;
  /** Overrides where uploads are stored (tests use a temporary directory). */
  filesDir?: string;
  /** Delivers real-time events to sockets; defaults to this process only. */
  hub?: RealtimeHub;
  /** The current time for date-dependent rules (simulator parameters, deadlines); tests fix it. */
  clock?: () => Date;
  /** Ping interval of real-time sockets (tests shorten it). */
  realtimeHeartbeatMs?: number;
};

/** Tells clients of claim deadlines 60 and 14 days ahead (tests run it by this name). */
export const DEADLINE_REMINDERS_JOB = 'claim-deadline-reminders';

/** Turns due notification e-mails into outbox mails (tests run it by this name). */
export const NOTIFICATION_EMAILS_JOB = 'deliver-notification-emails';
/** Data rights jobs (tests run them by these names). */
export const DATA_EXPORTS_JOB = 'build-data-exports';
export const ERASURE_JOB = 'erase-deleted-accounts';
export const RETENTION_JOB = 'enforce-retention';

/** Runs change subscribers that failed or never ran (a crash after commit). */
export const CHANGE_RETRY_JOB = 'retry-change-subscribers';

const REQUEST_ID_PATTERN = /^[\w.-]{8,128}$/;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const options: FastifyHttpOptions<Server, FastifyBaseLogger> = {
    loggerInstance: deps.logger,
    // registerRequestLog writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Honour a caller's request id (load balancer, client) when it is sane; otherwise make one.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
  };
  const app = Fastify(options).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // Compiled per route at start-up; outside production each response is also checked against zod.
  app.setSerializerCompiler(
    createResponseSerializer({
      verify: config.nodeEnv !== 'production',
      onFallback: (route, reason) => deps.logger.debug({ route, reason }, 'zod response serializer kept'),
    }),
  );
  app.decorateRequest('actor', null);
  app.decorateRequest('pendingActor', null);
  registerErrorHandling(app);
  registerRequestLog(app);
  registerMetrics(app, {
    token: config.metricsToken,
    refresh: [
      async () => database.readPoolStats(),
      () => refreshDossierGauge(database.db),
      async () => {
        const last = readLastSuccess(config.operations.backupDir);
        if (last) backupLastSuccess.set(last.timestampSeconds);
      },
    ],
  });
  await registerSecurity(app, { corsOrigins: config.corsOrigins });

  // One Redis connection per instance for shared state (rate limits, cache); optional.
  const redis = config.redis ? createRedis(config.redis.url, deps.logger, { name: 'ft-api' }) : undefined;
  if (redis) app.addHook('onClose', () => closeRedis(redis));
  await registerRateLimit(app, {
    ...config.rateLimit,
    redis,
    keyPrefix: config.redis?.keyPrefix ?? '',
    strictRoutes: [
      { method: 'POST', url: '/api/auth/login' },
      { method: 'POST', url: '/api/auth/signup/client' },
      { method: 'POST', url: '/api/auth/signup/expert' },
      { method: 'POST', url: '/api/auth/password-reset/request' },
      { method: 'POST', url: '/api/auth/password-reset' },
      { method: 'POST', url: '/api/auth/2fa/verify' },
      { method: 'POST', url: '/api/auth/2fa/passkeys/verify' },
      { method: 'POST', url: '/api/simulations' },
    ],
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'FinancialTracker API',
        version: config.version,
        description: 'API publique de FinancialTracker. Erreurs au format application/problem+json.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'ft_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const db = database.db;
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: deps.logger });
  const hub = deps.hub ?? createLocalHub();
  app.addHook('onClose', () => hub.close());
  const notifications = createNotificationsService({ hub });
  const inbox = createNotificationInbox({ db });
  const notificationDelivery = createNotificationDelivery({ mailer, publicUrl: config.publicUrl });
  deps.scheduler?.register({
    name: NOTIFICATION_EMAILS_JOB,
    intervalMs: 20_000,
    run: async ({ db: jobDb, log }) => {
      const report = await notificationDelivery.deliverDue(jobDb);
      if (report.sent + report.skipped + report.failed > 0) log.info(report, 'notification e-mails');
    },
  });
  const cache = createCache({
    ttlSeconds: config.cacheTtlSeconds,
    log: deps.logger,
    redis,
    keyPrefix: config.redis?.keyPrefix,
  });
  // Dashboards keep a shorter TTL than the catalogue: SLA breaches appear with time, not writes.
  const dashboards = createDashboardService({
    db,
    cache: createCache({
      ttlSeconds: DASHBOARD_CACHE_TTL_SECONDS,
      log: deps.logger,
      redis,
      keyPrefix: config.redis?.keyPrefix,
    }),
  });
  const dashboardsChanged = dashboards.changed;
  const catalogue = createCatalogueService({ db, cache, dashboardsChanged });
  const dossiers = createDossiersService({ db, dashboardsChanged });
  // Every dossier change goes through one record; these react to it once it is committed.
  const changes = createChangePipeline({
    db,
    log: deps.logger,
    subscribers: [
      timelineSubscriber,
      auditSubscriber,
      notificationsSubscriber(notifications.notify),
      dashboardsSubscriber(dashboardsChanged),
      realtimeSubscriber((trx, userIds, event) => hub.publish(trx, userIds, event)),
    ],
  });
  deps.scheduler?.register({
    name: CHANGE_RETRY_JOB,
    intervalMs: 30_000,
    run: async ({ db: jobDb, log }) => {
      const retried = await changes.retryPending(jobDb);
      if (retried > 0) log.info({ retried }, 'change subscribers retried');
    },
  });
  const dossierReads = createDossierReads({ db });
  // Invoices and letters snapshot the seller identity from the database: keep it as configured.
  await syncPlatformIdentity(db, config.platform);
  const invoices = createInvoicesService({ db });
  const transmitToPa = createPaTransmission(config.pa);
  if (transmitToPa)
    deps.scheduler?.register({
      name: 'transmit-invoices-to-pa',
      intervalMs: 5 * 60 * 1000,
      run: async ({ db: jobDb, log }) => {
        const sent = await transmitToPa(jobDb);
        if (sent > 0) log.info({ sent }, 'invoices transmitted to the PA');
      },
    });
  let sealCertificate: SealCertificate | undefined;
  const engagements = createEngagementsService({
    db,
    changes,
    // Loaded (or generated once under DATA_DIR/signing) on the first signature.
    seal: () => {
      sealCertificate ??= loadSealCertificate(config.signing, config.dataDir, config.platform.legalName);
      return sealCertificate;
    },
  });
  const workflow = createWorkflowService({ db, changes, reads: dossierReads });
  const storage = config.s3
    ? createS3Storage(config.s3)
    : createLocalStorage(deps.filesDir ?? config.filesDir);
  app.addHook('onClose', async () => storage.close?.());
  const documents = createDocumentsService({
    db,
    storage,
    maxBytes: config.maxUploadBytes,
    notify: notifications.notify,
  });
  const simulations = createSimulationsService({
    db,
    catalogue,
    dossiers,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const auth = createAuthService({
    db,
    mailer,
    publicUrl: config.publicUrl,
    onClientSession: simulations.attachToClient,
    dashboardsChanged,
  });
  if (config.smtpUrl) {
    // Mail is queued in the outbox inside each change's transaction; this sends it once committed.
    deps.scheduler?.register({
      name: 'deliver-mail',
      intervalMs: 15_000,
      run: async ({ db: jobDb, log }) => {
        const sent = await mailer.deliverPending(jobDb);
        if (sent > 0) log.info({ sent }, 'outbox delivered');
      },
    });
  }
  deps.scheduler?.register({
    name: 'expire-expert-proposals',
    intervalMs: 5 * 60 * 1000,
    run: async ({ db: jobDb, log }) => {
      const expired = await workflow.expireProposals(jobDb);
      if (expired > 0) log.info({ expired }, 'expert proposals expired');
    },
  });
  deps.scheduler?.register({
    name: 'sla-digest',
    intervalMs: 24 * 3600 * 1000,
    run: async ({ db: jobDb, log }) => {
      const late = await jobDb
        .transaction()
        .execute((trx) => dashboards.sendSlaDigest(trx, mailer, config.publicUrl));
      log.info({ late }, 'SLA digest');
    },
  });
  deps.scheduler?.register({
    name: 'upload-reminders',
    intervalMs: 24 * 3600 * 1000,
    run: async ({ db: jobDb, log }) => {
      const sent = await jobDb
        .transaction()
        .execute((trx) => dashboards.sendUploadReminders(trx, mailer, config.publicUrl));
      log.info({ sent }, 'upload reminders sent');
    },
  });
  deps.scheduler?.register({
    name: 'remove-orphan-files',
    intervalMs: 3600 * 1000,
    run: async ({ db: jobDb, log }) =>
      log.info({ removed: await documents.removeOrphans(jobDb) }, 'orphan files removed'),
  });
  deps.scheduler?.register({
    name: DEADLINE_REMINDERS_JOB,
    intervalMs: 24 * 3600 * 1000,
    run: async ({ db: jobDb, now, log }) => {
      const sent = await transactionWithCommitHooks(jobDb, (trx) =>
        sendDeadlineReminders(trx, notifications.notify, deps.clock?.() ?? now),
      );
      if (sent > 0) log.info({ sent }, 'claim deadline reminders sent');
    },
  });
  deps.scheduler?.register({
    name: 'purge-expired-simulations',
    intervalMs: 3600 * 1000,
    run: async ({ db: jobDb, log }) =>
      log.info({ purged: await simulations.purgeExpired(jobDb) }, 'expired simulations purged'),
  });
  for (const job of operationsJobs({ config, database, filesDir: deps.filesDir }))
    deps.scheduler?.register(job);
  const credentials = createCredentialsService({
    db,
    mailer,
    publicUrl: config.publicUrl,
    sendVerification: auth.sendVerification,
  });
  const messaging = createMessagingService({ db, hub, documents });
  deps.scheduler?.register({
    name: 'notify-unread-messages',
    intervalMs: 60 * 1000,
    run: async ({ db: jobDb, log }) => {
      const sent = await transactionWithCommitHooks(jobDb, (trx) =>
        notifyUnreadMessages(trx, notifications.notify),
      );
      if (sent > 0) log.info({ sent }, 'unread message notifications');
    },
  });
  deps.scheduler?.register({
    name: 'ensure-message-partition',
    intervalMs: 24 * 3600 * 1000,
    run: async ({ db: jobDb, log }) =>
      log.info({ year: await ensureNextMessagePartition(jobDb) }, 'message partition ready'),
  });
  const clients = createClientsService({ db });
  const experts = createExpertsService({ db, notify: notifications.notify, dashboardsChanged });
  const admin = createAdminService({ db });
  const appointmentsRepository = createAppointmentsRepository();
  const appointmentMessenger = createAppointmentMessenger({
    repository: appointmentsRepository,
    notify: notifications.notify,
  });
  const appointments = createAppointmentsService({
    db,
    repository: appointmentsRepository,
    messenger: appointmentMessenger,
  });
  const availability = createAvailabilityService({ db, repository: appointmentsRepository });
  const calendar = createCalendarService({
    db,
    repository: appointmentsRepository,
    publicUrl: config.publicUrl,
  });
  deps.scheduler?.register({
    name: 'appointment-reminders',
    intervalMs: 60 * 1000,
    run: async ({ db: jobDb, now, log }) => {
      const sent = await sendDueReminders(jobDb, appointmentMessenger, now);
      if (sent > 0) log.info({ sent }, 'appointment reminders sent');
    },
  });

  // Who is calling: resolved once per request from the bearer token or the session cookie.
  registerSessionReuse(app);
  const authVia = new WeakMap<object, 'bearer' | 'cookie'>();
  // A callback hook: an anonymous request (probes, the simulator, the SPA) costs no promise.
  app.addHook('onRequest', (request, _reply, done) => {
    const presented = readSessionToken(request);
    if (!presented) return done();
    const settle = (actor: Actor | null) => {
      if (actor) {
        authVia.set(request, presented.via);
        if (actor.secondFactor === 'none') request.actor = actor;
        else request.pendingActor = actor;
      }
      done();
    };
    // Hot read routes may take the session as resolved lately, confirmed by their first statement.
    const resolved =
      request.routeOptions.config.reusesSession === true
        ? auth.resolveReusableSession(presented.token)
        : auth.resolveSession(presented.token);
    if (resolved instanceof Promise) resolved.then(settle, done);
    else settle(resolved);
  });
  registerOriginCheck(app, {
    allowedOrigins: [config.publicUrl, ...config.corsOrigins],
    usesCookie: (request) => authVia.get(request) === 'cookie',
  });

  const secureCookies = config.secureCookies;
  await app.register(authRoutes({ auth, credentials, secureCookies }));
  const dataExports = createDataExports({ db, storage, mailer, publicUrl: config.publicUrl });
  const accountDeletion = createAccountDeletion({ db, storage, mailer });
  deps.scheduler?.register({
    name: DATA_EXPORTS_JOB,
    intervalMs: 30_000,
    run: async ({ db: jobDb, log }) => {
      const built = await dataExports.buildPending(jobDb);
      if (built > 0) log.info({ built }, 'data exports built');
    },
  });
  deps.scheduler?.register({
    name: ERASURE_JOB,
    intervalMs: 3600 * 1000,
    run: async ({ db: jobDb, log }) =>
      log.info({ erased: await accountDeletion.eraseDue(jobDb) }, 'deleted accounts erased'),
  });
  deps.scheduler?.register({
    name: RETENTION_JOB,
    intervalMs: 24 * 3600 * 1000,
    run: async ({ db: jobDb, log }) =>
      log.info(
        { ...(await enforceRetention(jobDb, storage)), exports: await dataExports.removeExpired(jobDb) },
        'retention enforced',
      ),
  });
  await app.register(privacyRoutes({ db, exports: dataExports, deletion: accountDeletion }));
  await app.register(secondFactorRoutes({ secondFactor: createSecondFactorService({ db }), secureCookies }));
  await app.register(
    passkeyRoutes({ passkeys: createPasskeyService({ db, webauthn: config.webauthn }), secureCookies }),
  );
  await app.register(clientsRoutes({ clients }));
  await app.register(expertsRoutes({ experts }));
  await app.register(adminRoutes({ admin, experts, clients }));
  await app.register(catalogueRoutes({ catalogue }));
  await app.register(simulationsRoutes({ simulations, secureCookies }));
  await app.register(dossiersRoutes({ dossiers, reads: dossierReads, workflow }));
  await app.register(invoicesRoutes({ invoices }));
  await app.register(engagementsRoutes({ engagements }));
  await app.register(dashboardRoutes({ dashboards }));
  await app.register(notificationsRoutes({ inbox }));
  await app.register(documentsRoutes({ documents, maxBytes: config.maxUploadBytes }));
  await app.register(documentsManageRoutes({ documents }));
  await app.register(appointmentsRoutes({ appointments }));
  await app.register(availabilityRoutes({ availability, calendar }));
  await app.register(messagingRoutes({ messaging }));
  await registerRealtimeSocket(app, {
    hub,
    onConnectionsChange: (open) => websocketConnections.set(open),
    allowedOrigins: [config.publicUrl, ...config.corsOrigins],
    ...(deps.realtimeHeartbeatMs ? { heartbeatMs: deps.realtimeHeartbeatMs } : {}),
    sessionStillValid: async (request) => {
      const presented = readSessionToken(request);
      if (!presented) return false;
      return (await auth.resolveSession(presented.token))?.secondFactor === 'none';
    },
    onFrame: createFrameHandler(messaging),
  });
  await app.register(
    healthRoutes({ version: config.version, startedAt: Date.now(), ping: () => database.ping() }),
  );

  await registerSpa(app, config.webDistDir);
  return app;
}
