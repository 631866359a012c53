export const commissionPath = (id: string) => `/commissions/${id}`;
export const commissionEditPath = (id: string) => `/commissions/${id}/edit`;
export const commissionDashboardPath = (id: string) => `/commissions/${id}/dashboard`;
export const newCommissionPath = (organisationSlug: string) => `/organisations/${organisationSlug}/commissions/new`;
