export { AdminExpertPage, AdminExpertsPage } from './ExpertsPages';
export { AdminAuditPage, AdminClientsPage, AdminOutboxPage } from './OtherPages';
export { AdminProductsPage } from './ProductsPage';
export { AdminTemplatesPage } from './TemplatesPage';
