// The portal's sections, for hosts that compose their own layout (inside `PortalRouter` and the
// provider). A separate entry point (`@portal/client/sections`): exported from the main entry, they
// would sit in its chunk and <BillingPortal/>'s lazy sections could never be split off.
export { OverviewSection } from './components/overview-section';
export { ChangePlanSection } from './components/change-plan-section';
export { CancelFlowSection } from './components/cancel-flow-section';
export { PaymentMethodsSection } from './components/payment-methods-section';
export { PayInvoiceSection } from './components/pay-invoice-section';
export { InvoicesSection } from './components/invoices-section';
export { BillingDetailsSection } from './components/billing-details-section';
export { TaxIdsCard } from './components/tax-ids-card';
export { PreviewTable } from './components/preview-table';
