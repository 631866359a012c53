import { z } from "zod";

/** The request form has no fields: who asks is the signed-in member. */
export const ZRequestDataExport = z.object({});

export const ZExportId = z.uuid();
