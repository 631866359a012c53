import { z } from "zod";
import { zLine, zText } from "@/lib/form-fields";
import { refineMarkdownLimits } from "@/lib/markdown";
import { COMMISSION_LIMITS as L } from "./limits";

const lf = (value: unknown) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value);

/** An organisation's signed response to a published version of the paper it commissioned. */
export const ZRespondToPublication = z.object({
  publicationId: z.uuid({ error: "That published version was not found." }),
  signatoryName: zLine("The signatory's name and role", { min: 3, max: L.signatory }),
  body: z.preprocess(lf, zText("The response", { min: 1, max: L.response }).superRefine(refineMarkdownLimits)),
});
export type RespondToPublicationInput = z.infer<typeof ZRespondToPublication>;
