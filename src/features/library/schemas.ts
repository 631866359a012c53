import { z } from "zod";
import { SECTORS } from "@/lib/perspectives";

export const LIBRARY_PAGE_SIZE = 20;
/** Offset pagination is cheap only so far; past this the reader is asked to narrow the filters. */
export const LIBRARY_MAX_PAGE = 250;

const slug = z
  .string()
  .trim()
  .max(100)
  .regex(/^[a-z0-9-]*$/);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

/** /library?group=&field=&organisation=&from=&to=&page= — malformed values are ignored, never an error page. */
export const ZLibraryParams = z.object({
  group: slug.catch(""),
  organisation: slug.catch(""),
  /** The group's field (Sector); anything else means "every field". */
  field: z.enum(SECTORS).or(z.literal("")).catch(""),
  from: day.or(z.literal("")).catch(""),
  to: day.or(z.literal("")).catch(""),
  page: z.coerce.number().int().min(1).max(LIBRARY_MAX_PAGE).catch(1),
});
export type LibraryParams = z.infer<typeof ZLibraryParams>;
