/** Where paper pages live; one place so links never drift apart. */
export const paperPath = (groupSlug: string, paperSlug: string) => `/groups/${groupSlug}/papers/${paperSlug}`;
export const proposalPath = (proposalId: string) => `/proposals/${proposalId}`;
export const sectionPath = (groupSlug: string, paperSlug: string, anchor: string) => `${paperPath(groupSlug, paperSlug)}#${anchor}`;
export const provenancePath = (groupSlug: string, paperSlug: string, anchor: string) => `${paperPath(groupSlug, paperSlug)}/sections/${anchor}/provenance`;
export const historyPath = (groupSlug: string, paperSlug: string) => `${paperPath(groupSlug, paperSlug)}/history`;
