export const organisationPath = (slug: string) => `/organisations/${slug}`;
export const organisationSettingsPath = (slug: string) => `/organisations/${slug}/settings`;
export const invitationPath = (id: string) => `/organisations/invitations/${id}`;
