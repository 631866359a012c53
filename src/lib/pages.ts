// Numbered pages of a list (page 1 first), as every paginated query reads them.

/** The rows of `page`: Prisma's skip and take. */
export const pageRows = (page: number, size: number) => ({ skip: (page - 1) * size, take: size });

/** How many pages `total` rows fill; an empty list still has one page. */
export const pageCountOf = (total: number, size: number) => Math.max(1, Math.ceil(total / size));
