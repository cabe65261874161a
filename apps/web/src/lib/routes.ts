import type * as C from '@ft/contracts';
import type { DossierActionName, SchemaInput, SchemaOutput } from '@ft/contracts';

/**
 * Every API route the SPA calls, keyed `METHOD /path/:param`, with the types of its body, query
 * string and answer taken from the zod schemas the API route itself declares (packages/contracts).
 * Types only: the SPA does not parse answers at run time, which keeps zod out of its bundle; the
 * API validates what it sends against the same schemas.
 *
 * A new call adds its line here, never a hand-written type at the call site.
 */
type Route<Response, Body = undefined, Query = undefined> = {
  response: Response;
  body: Body;
  query: Query;
};
type Out<S> = SchemaOutput<S>;
type In<S> = SchemaInput<S>;
/** A query string as the page builds it: every field optional where the API has a default. */
type QueryOf<S> = Partial<In<S>>;

type DossierActions = {
  [A in DossierActionName as `POST /api/dossiers/:id/${A}`]: Route<
    Out<typeof C.dossierDetailSchema>,
    In<(typeof C.dossierActionBodies)[A]>
  >;
};
type ExpertDecisions = {
  [D in 'approve' | 'reject' | 'suspend' | 'reactivate' as `POST /api/admin/experts/:id/${D}`]: Route<
    Out<typeof C.adminExpertSchema>,
    Partial<In<typeof C.reasonSchema>>
  >;
};

type Routes = DossierActions &
  ExpertDecisions & {
    // Authentication and account
    'GET /api/auth/session': Route<Out<typeof C.sessionStateSchema>>;
    'GET /api/auth/me': Route<Out<typeof C.meResponseSchema>>;
    'POST /api/auth/login': Route<Out<typeof C.authResponseSchema>, In<typeof C.loginSchema>>;
    'POST /api/auth/signup/client': Route<Out<typeof C.authResponseSchema>, In<typeof C.clientSignupSchema>>;
    'POST /api/auth/signup/expert': Route<Out<typeof C.authResponseSchema>, In<typeof C.expertSignupSchema>>;
    'POST /api/auth/logout': Route<void>;
    'POST /api/auth/logout-all': Route<void>;
    'GET /api/auth/sessions': Route<Out<typeof C.sessionListSchema>>;
    'DELETE /api/auth/sessions/:id': Route<void>;
    'POST /api/auth/password': Route<void, In<typeof C.changePasswordSchema>>;
    'GET /api/auth/2fa': Route<Out<typeof C.secondFactorStatusSchema>>;
    'POST /api/auth/2fa/totp/setup': Route<Out<typeof C.totpSetupSchema>>;
    'POST /api/auth/2fa/totp/confirm': Route<
      Out<typeof C.secondFactorEnrolledSchema>,
      In<typeof C.totpConfirmSchema>
    >;
    'POST /api/auth/2fa/verify': Route<void, In<typeof C.secondFactorVerifySchema>>;
    'POST /api/auth/2fa/recovery-codes': Route<
      Out<typeof C.recoveryCodesSchema>,
      In<typeof C.passwordConfirmSchema>
    >;
    'POST /api/auth/2fa/disable': Route<void, In<typeof C.secondFactorDisableSchema>>;
    'DELETE /api/auth/2fa/trusted-devices': Route<void>;
    'POST /api/auth/2fa/passkeys/registration-options': Route<Out<typeof C.passkeyRegistrationOptionsSchema>>;
    'POST /api/auth/2fa/passkeys': Route<
      Out<typeof C.passkeyRegisteredSchema>,
      In<typeof C.passkeyRegisterSchema>
    >;
    'PATCH /api/auth/2fa/passkeys/:id': Route<
      Out<typeof C.passkeySummarySchema>,
      In<typeof C.passkeyRenameSchema>
    >;
    'DELETE /api/auth/2fa/passkeys/:id': Route<void, In<typeof C.passwordConfirmSchema>>;
    'POST /api/auth/2fa/passkeys/authentication-options': Route<
      Out<typeof C.passkeyAuthenticationOptionsSchema>
    >;
    'POST /api/auth/2fa/passkeys/verify': Route<void, In<typeof C.passkeyVerifySchema>>;
    'GET /api/admin/security-settings': Route<Out<typeof C.securitySettingsSchema>>;
    'PUT /api/admin/security-settings': Route<
      Out<typeof C.securitySettingsSchema>,
      In<typeof C.securitySettingsSchema>
    >;
    'POST /api/me/consents': Route<void, In<typeof C.consentFieldsSchema>>;
    'PUT /api/me/language': Route<Out<typeof C.languageBodySchema>, In<typeof C.languageBodySchema>>;
    'GET /api/me/privacy': Route<Out<typeof C.privacyStateSchema>>;
    'POST /api/me/exports': Route<Out<typeof C.exportRequestedSchema>>;
    'POST /api/me/deletion': Route<Out<typeof C.accountDeletionSchema>, In<typeof C.passwordConfirmSchema>>;
    'DELETE /api/me/deletion': Route<void>;
    'POST /api/auth/password-reset/request': Route<
      Out<typeof C.passwordResetRequestedSchema>,
      In<typeof C.passwordResetRequestSchema>
    >;
    'POST /api/auth/password-reset': Route<void, In<typeof C.passwordResetSchema>>;
    'POST /api/auth/verify-email': Route<void, In<typeof C.emailVerificationSchema>>;
    'POST /api/auth/verify-email/resend': Route<void>;
    'GET /api/documents/limits': Route<Out<typeof C.uploadLimitsSchema>>;
    'PATCH /api/clients/me/profile': Route<
      Out<typeof C.clientProfileSchema>,
      In<typeof C.updateClientProfileSchema>
    >;
    'PATCH /api/experts/me/profile': Route<
      Out<typeof C.expertProfileSchema>,
      In<typeof C.updateExpertProfileSchema>
    >;

    // Catalogue and simulator
    'GET /api/products': Route<Out<typeof C.productListSchema>>;
    'GET /api/simulator/questions': Route<Out<typeof C.questionListSchema>>;
    'POST /api/simulations': Route<
      Out<typeof C.simulationCreatedSchema>,
      In<typeof C.createSimulationSchema>
    >;
    'GET /api/simulations/latest': Route<Out<typeof C.latestSimulationSchema>>;
    'GET /api/simulations/:id': Route<Out<typeof C.simulationSchema>>;
    'PUT /api/simulations/:id/answers': Route<Out<typeof C.simulationSchema>, In<typeof C.putAnswersSchema>>;
    'POST /api/simulations/:id/evaluate': Route<Out<typeof C.evaluationSchema>>;

    // Dashboards
    'GET /api/dashboard/client': Route<Out<typeof C.clientDashboardSchema>>;
    'GET /api/dashboard/expert': Route<Out<typeof C.expertDashboardSchema>>;
    'GET /api/dashboard/admin': Route<Out<typeof C.adminDashboardSchema>>;

    // Dossiers
    'GET /api/dossiers': Route<
      Out<typeof C.dossierListSchema>,
      undefined,
      QueryOf<typeof C.dossierListQuerySchema>
    >;
    'GET /api/dossiers/:id': Route<Out<typeof C.dossierDetailSchema>>;
    'GET /api/dossiers/:id/timeline': Route<Out<typeof C.timelineSchema>>;
    'GET /api/dossiers/:id/experts': Route<Out<typeof C.qualifiedExpertsSchema>>;
    // Engagement letter and mandate (#16)
    'GET /api/dossiers/:id/engagements': Route<Out<typeof C.engagementListSchema>>;
    'POST /api/engagements/:id/sign': Route<
      Out<typeof C.engagementDocumentSchema>,
      In<typeof C.signEngagementSchema>
    >;
    'POST /api/engagements/:id/revoke': Route<
      Out<typeof C.engagementDocumentSchema>,
      In<typeof C.revokeMandateSchema>
    >;
    'GET /api/admin/engagement-templates': Route<Out<typeof C.engagementTemplateListSchema>>;
    'POST /api/admin/engagement-templates': Route<
      Out<typeof C.engagementTemplateListSchema>,
      In<typeof C.newTemplateVersionSchema>
    >;
    /**
     * Any workflow action, for the action panel whose body is built from the action's form fields
     * (actionForms.ts); the API checks it against `dossierActionBodies[action]`.
     */
    // No body (204) when the action took the dossier away from the caller (an expert declining).
    'POST /api/dossiers/:id/:action': Route<
      Out<typeof C.dossierDetailSchema> | undefined,
      Record<string, unknown>
    >;
    'POST /api/dossiers/:id/rate-expert': Route<
      Out<typeof C.dossierDetailSchema>,
      In<typeof C.rateExpertSchema>
    >;

    // Documents
    'GET /api/documents': Route<
      Out<typeof C.myDocumentsSchema>,
      undefined,
      QueryOf<typeof C.myDocumentsQuerySchema>
    >;
    'GET /api/dossiers/:id/documents': Route<Out<typeof C.dossierDocumentsSchema>>;
    'POST /api/dossiers/:id/items/:itemId/attach': Route<
      Out<typeof C.uploadedDocumentSchema>,
      In<typeof C.attachDocumentSchema>
    >;
    'POST /api/documents/:id/approve': Route<void>;
    'POST /api/documents/:id/reject': Route<void, In<typeof C.rejectDocumentSchema>>;
    'POST /api/documents/:id/versions/:version/hide': Route<void>;
    'POST /api/documents/:id/purge': Route<void, In<typeof C.purgeDocumentSchema>>;

    // Messaging
    'GET /api/conversations': Route<
      Out<typeof C.conversationListSchema>,
      undefined,
      QueryOf<typeof C.conversationListQuerySchema>
    >;
    'GET /api/conversations/unread': Route<Out<typeof C.unreadTotalSchema>>;
    'POST /api/conversations/support': Route<Out<typeof C.conversationSchema>>;
    'POST /api/dossiers/:id/conversation': Route<Out<typeof C.conversationSchema>>;
    'GET /api/conversations/:id': Route<Out<typeof C.conversationSchema>>;
    'GET /api/conversations/:id/messages': Route<
      Out<typeof C.messagePageSchema>,
      undefined,
      QueryOf<typeof C.messagePageQuerySchema>
    >;
    'POST /api/conversations/:id/messages': Route<
      Out<typeof C.messageSchema>,
      In<typeof C.sendMessageSchema>
    >;
    'PATCH /api/conversations/:id/messages/:messageId': Route<
      Out<typeof C.messageSchema>,
      In<typeof C.editMessageSchema>
    >;
    'DELETE /api/conversations/:id/messages/:messageId': Route<void>;
    'POST /api/conversations/:id/read': Route<Out<typeof C.readReceiptSchema>, In<typeof C.markReadSchema>>;

    // Notifications
    'GET /api/notifications': Route<
      Out<typeof C.notificationListSchema>,
      undefined,
      QueryOf<typeof C.notificationListQuerySchema>
    >;
    'GET /api/notifications/unread-count': Route<Out<typeof C.unreadCountSchema>>;
    'POST /api/notifications/read-all': Route<Out<typeof C.readAllResultSchema>>;
    'POST /api/notifications/:id/read': Route<Out<typeof C.notificationSchema>>;
    'POST /api/notifications/:id/archive': Route<Out<typeof C.notificationSchema>>;
    'GET /api/notifications/preferences': Route<Out<typeof C.notificationPreferencesSchema>>;
    'PUT /api/notifications/preferences': Route<
      Out<typeof C.notificationPreferencesSchema>,
      In<typeof C.updateNotificationPreferencesSchema>
    >;

    // Appointments and availability
    'GET /api/appointments': Route<
      Out<typeof C.appointmentListSchema>,
      undefined,
      In<typeof C.appointmentRangeQuerySchema>
    >;
    'GET /api/dossiers/:id/appointments': Route<Out<typeof C.appointmentListSchema>>;
    'POST /api/dossiers/:id/appointments': Route<
      Out<typeof C.appointmentSchema>,
      In<typeof C.proposeAppointmentSchema>
    >;
    'POST /api/appointments/:id/accept': Route<Out<typeof C.appointmentSchema>>;
    'POST /api/appointments/:id/decline': Route<
      Out<typeof C.appointmentSchema>,
      In<typeof C.reasonBodySchema>
    >;
    'POST /api/appointments/:id/cancel': Route<
      Out<typeof C.appointmentSchema>,
      In<typeof C.reasonBodySchema>
    >;
    'POST /api/appointments/:id/counter-proposal': Route<
      Out<typeof C.appointmentSchema>,
      In<typeof C.proposeAppointmentSchema>
    >;
    'POST /api/appointments/:id/reschedule': Route<
      Out<typeof C.appointmentSchema>,
      In<typeof C.rescheduleAppointmentSchema>
    >;
    'POST /api/appointments/:id/report': Route<
      Out<typeof C.appointmentSchema>,
      In<typeof C.appointmentReportSchema>
    >;
    'GET /api/me/time-zone': Route<Out<typeof C.timeZoneBodySchema>>;
    'PUT /api/me/time-zone': Route<Out<typeof C.timeZoneBodySchema>, In<typeof C.timeZoneBodySchema>>;
    'GET /api/me/availability': Route<Out<typeof C.availabilitySchema>>;
    'PUT /api/me/availability': Route<Out<typeof C.availabilitySchema>, In<typeof C.availabilitySchema>>;
    'GET /api/experts/:id/free-slots': Route<
      Out<typeof C.freeSlotsSchema>,
      undefined,
      In<typeof C.freeSlotsQuerySchema>
    >;
    'GET /api/me/calendar-feed': Route<Out<typeof C.calendarFeedStateSchema>>;
    'POST /api/me/calendar-feed': Route<Out<typeof C.calendarFeedSchema>>;
    'DELETE /api/me/calendar-feed': Route<void>;

    // Administration
    'GET /api/admin/experts': Route<
      Out<typeof C.adminExpertListSchema>,
      undefined,
      QueryOf<typeof C.adminExpertListQuerySchema>
    >;
    'GET /api/admin/experts/:id': Route<Out<typeof C.adminExpertSchema>>;
    'PUT /api/admin/experts/:id/fees': Route<Out<typeof C.adminExpertSchema>, In<typeof C.expertFeesSchema>>;
    'GET /api/admin/clients': Route<
      Out<typeof C.adminClientListSchema>,
      undefined,
      QueryOf<typeof C.pageQuerySchema>
    >;
    'GET /api/admin/audit': Route<
      Out<typeof C.auditListSchema>,
      undefined,
      QueryOf<typeof C.auditQuerySchema>
    >;
    'GET /api/admin/outbox': Route<
      Out<typeof C.outboxListSchema>,
      undefined,
      QueryOf<typeof C.pageQuerySchema>
    >;
    'GET /api/admin/products': Route<Out<typeof C.adminProductListSchema>>;
    'PATCH /api/admin/products/:code': Route<
      Out<typeof C.adminProductSchema>,
      In<typeof C.updateProductSchema>
    >;
    'GET /api/admin/parameters': Route<Out<typeof C.parameterListSchema>>;
    'POST /api/admin/parameters/:code/periods': Route<
      Out<typeof C.parameterPeriodSchema>,
      In<typeof C.addParameterPeriodSchema>
    >;
  };

export type ApiRoutes = Routes;
export type RouteKey = keyof ApiRoutes;
export type ResponseOf<K extends RouteKey> = ApiRoutes[K]['response'];
export type BodyOf<K extends RouteKey> = ApiRoutes[K]['body'];
export type QueryOfRoute<K extends RouteKey> = ApiRoutes[K]['query'];

/**
 * Files the browser downloads or shows itself (links, not JSON calls): kept here so their paths
 * are written once too.
 */
export type FileRoute =
  | 'GET /api/dossiers/:id/invoice.pdf'
  | 'GET /api/invoices/:id/factur-x.xml'
  | 'GET /api/engagements/:id/document.pdf'
  | 'GET /api/documents/:id/content'
  | 'GET /api/documents/:id/versions/:version/content'
  | 'GET /api/appointments/:id/ics'
  | 'GET /api/admin/dossiers.csv'
  | 'GET /api/admin/processing-register.csv'
  | 'GET /api/admin/audit.csv'
  | 'GET /api/me/exports/:id/archive'
  | 'GET /api/docs/';
/** Uploads go through XMLHttpRequest for their progress events (see uploadWithProgress). */
export type UploadRoute = 'POST /api/dossiers/:id/documents';
